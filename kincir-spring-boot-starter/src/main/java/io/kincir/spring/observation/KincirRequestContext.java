package io.kincir.spring.observation;

import io.micrometer.observation.Observation;

/** What a {@link KincirObservation#REQUEST} observation sees. */
public class KincirRequestContext extends Observation.Context {

    private final String topic;
    private final String replyTopic;
    private final String backend;

    /**
     * @param topic the topic the request goes to
     * @param replyTopic the topic its reply comes to
     * @param backend the backend's name
     */
    public KincirRequestContext(String topic, String replyTopic, String backend) {
        this.topic = topic;
        this.replyTopic = replyTopic;
        this.backend = backend;
    }

    /** @return the topic the request goes to */
    public String getTopic() {
        return topic;
    }

    /** @return the topic its reply comes to */
    public String getReplyTopic() {
        return replyTopic;
    }

    /** @return the backend's name */
    public String getBackend() {
        return backend;
    }
}
