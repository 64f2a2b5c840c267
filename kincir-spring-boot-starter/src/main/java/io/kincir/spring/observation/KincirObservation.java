package io.kincir.spring.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * Kincir's observations: their names, default conventions and key values. The low-cardinality keys
 * tag the timers that Micrometer derives from each observation (and the spans); the high-cardinality
 * ones go on spans only. Every key value costs time on every call (Micrometer keeps them in concurrent
 * maps), so the defaults carry none twice: a convention can add OpenTelemetry's names
 * ({@code messaging.destination.name} for the topic, for one) where a tracing backend wants them.
 */
public enum KincirObservation implements ObservationDocumentation {

    /**
     * One publish through the starter's {@code Publisher} bean (a {@code KincirTemplate} send, a reply,
     * a dead letter, or the application's own publish): {@code kincir.publish}, span {@code <topic> publish}.
     */
    PUBLISH {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultKincirPublishObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return new KeyName[] {Key.TOPIC, Key.BACKEND, Key.EXCEPTION};
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return new KeyName[] {Key.MESSAGE_COUNT, Key.MESSAGE_ID};
        }
    },

    /**
     * One invocation of a listener's handler, each attempt its own: {@code kincir.handle}, span
     * {@code <topic> handle}, a child of the span that published the message.
     */
    HANDLE {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultKincirHandleObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return new KeyName[] {Key.TOPIC, Key.GROUP, Key.LISTENER, Key.BACKEND, Key.EXCEPTION};
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return new KeyName[] {Key.MESSAGE_ID, Key.ATTEMPT};
        }
    },

    /**
     * One {@code KincirTemplate.sendAndReceive}, from the request's publish to its reply's arrival:
     * {@code kincir.request}, span {@code <topic> request}, the parent of the request's publish.
     */
    REQUEST {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultKincirRequestObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return new KeyName[] {Key.TOPIC, Key.BACKEND, Key.EXCEPTION};
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return new KeyName[] {Key.REPLY_TO};
        }
    },

    /**
     * The receipt of a reply by a {@code KincirTemplate}, on its reply thread, until the waiting caller
     * has it: {@code kincir.reply}, span {@code <reply topic> receive}, a child of the span that published
     * the reply, as Spring Kafka's {@code ReplyingKafkaTemplate} observes each reply it receives. It starts
     * while the {@link #REQUEST} it answers still waits.
     */
    REPLY {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultKincirReplyObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return new KeyName[] {Key.BACKEND, Key.EXCEPTION};
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return new KeyName[] {Key.REPLY_TO, Key.MESSAGE_ID};
        }
    };

    /** The keys of Kincir's observations. */
    public enum Key implements KeyName {

        /** The topic published to, or received from. */
        TOPIC("topic"),

        /** The listener's subscriber group. */
        GROUP("group"),

        /** The listener's id. */
        LISTENER("listener"),

        /** The backend's name, as {@code kincir.backend} names it ({@code kafka}, {@code in-memory}…). */
        BACKEND("backend"),

        /** The simple class name of what the observed call threw, or {@code none}. */
        EXCEPTION("exception"),

        /** How many messages the publish carried. */
        MESSAGE_COUNT("messaging.batch.message_count"),

        /** The message's uuid; on a publish, only when it carried a single message. */
        MESSAGE_ID("messaging.message.id"),

        /** Which attempt at the message this invocation is, from 1. */
        ATTEMPT("kincir.attempt"),

        /** The topic the reply to a request comes to, or came to. */
        REPLY_TO("kincir.reply_to");

        private final String name;

        Key(String name) {
            this.name = name;
        }

        @Override
        public String asString() {
            return name;
        }
    }

    /** @return the {@link Key#EXCEPTION} value: what the observed call threw, or {@code none} */
    static String exception(Observation.Context context) {
        Throwable error = context.getError();
        if (error == null) {
            return "none";
        }
        String simpleName = error.getClass().getSimpleName();
        return simpleName.isEmpty() ? error.getClass().getName() : simpleName;
    }
}
