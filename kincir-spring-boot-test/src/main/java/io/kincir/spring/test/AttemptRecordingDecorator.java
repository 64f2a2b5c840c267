package io.kincir.spring.test;

import io.kincir.listener.HandlerDecorator;
import io.kincir.listener.ListenerTopic;
import io.kincir.listener.MessageHandler;

/** Tells the recorder how each attempt of each listener ended, so that a delivery knows when it is done. */
final class AttemptRecordingDecorator implements HandlerDecorator {

    private final KincirTestRecorder recorder;

    AttemptRecordingDecorator(KincirTestRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public MessageHandler decorate(ListenerTopic topic, MessageHandler handler) {
        return message -> {
            try {
                handler.handle(message);
            } catch (Exception | Error e) {
                recorder.attempted(topic.listenerId(), message.uuid(), e);
                throw e;
            }
            recorder.attempted(topic.listenerId(), message.uuid(), null);
        };
    }
}
