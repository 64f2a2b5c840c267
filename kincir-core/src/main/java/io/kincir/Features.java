package io.kincir;

import java.util.Objects;

/**
 * What a backend offers beyond what every backend shares. The conformance suite runs the tests of
 * each behaviour a backend declares here, and the README's feature table is checked against it.
 *
 * @param order how far one publisher's order is kept
 * @param sequence whether every message gets a {@code _sequence} number per topic, from 1
 * @param ttl whether a message past its {@code _ttl} is never handed to a receiver
 * @param delay whether a message with {@code _delay} is delivered no earlier than asked
 * @param priority whether a message of higher priority overtakes waiting ones
 * @param boundedQueues whether a group's queue can be bounded, failing a publish that would exceed it
 *     with {@link QueueFullException}
 * @param survivesRestart whether a message whose publish returned outlives a restart of the broker
 * @param closeRedeliversAtOnce whether what a closing subscriber held reaches a member that joins its
 *     group afterwards at once; where not, it comes back after the broker's redelivery timeout
 */
public record Features(OrderScope order, boolean sequence, boolean ttl, boolean delay, boolean priority,
        boolean boundedQueues, boolean survivesRestart, boolean closeRedeliversAtOnce) {

    /** How far a backend keeps the order of one publisher's messages. */
    public enum OrderScope {
        /** Every message of a topic, keyed or not, arrives in publish order. */
        TOPIC,
        /** Messages with the same {@code partition_key} arrive in publish order; others in any order. */
        PARTITION_KEY
    }

    /** @throws NullPointerException if the order scope is missing */
    public Features {
        Objects.requireNonNull(order, "order");
    }

    /** @return a builder starting from order per {@code partition_key} and nothing optional */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Features}; every optional behaviour starts off. */
    public static final class Builder {

        private OrderScope order = OrderScope.PARTITION_KEY;
        private boolean sequence;
        private boolean ttl;
        private boolean delay;
        private boolean priority;
        private boolean boundedQueues;
        private boolean survivesRestart;
        private boolean closeRedeliversAtOnce = true;

        private Builder() {
        }

        /** @param order how far one publisher's order is kept */
        public Builder order(OrderScope order) {
            this.order = order;
            return this;
        }

        /** The backend numbers messages with {@code _sequence}. */
        public Builder sequence() {
            this.sequence = true;
            return this;
        }

        /** The backend never hands out a message past its {@code _ttl}. */
        public Builder ttl() {
            this.ttl = true;
            return this;
        }

        /** The backend holds a message with {@code _delay} until it is due. */
        public Builder delay() {
            this.delay = true;
            return this;
        }

        /** The backend delivers messages of higher priority first. */
        public Builder priority() {
            this.priority = true;
            return this;
        }

        /** The backend can bound a group's queue. */
        public Builder boundedQueues() {
            this.boundedQueues = true;
            return this;
        }

        /** What a publish acknowledged outlives a broker restart. */
        public Builder survivesRestart() {
            this.survivesRestart = true;
            return this;
        }

        /**
         * What a closing subscriber held may wait for the broker's redelivery timeout before a member
         * that joins later gets it (a broker limit, documented on the backend's page).
         */
        public Builder closeRedeliversLate() {
            this.closeRedeliversAtOnce = false;
            return this;
        }

        /** @return the features */
        public Features build() {
            return new Features(order, sequence, ttl, delay, priority, boundedQueues, survivesRestart,
                    closeRedeliversAtOnce);
        }
    }
}
