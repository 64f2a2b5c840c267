package io.kincir.spi;

import io.kincir.AckSubscriber;
import io.kincir.Delivery;
import io.kincir.Message;
import io.kincir.Subscriber;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The two subscriber shapes over a backend's {@link Receiver}, written once for every backend. They
 * refuse a topic name that breaks {@link Names}' rules, a receive before any subscribe and a negative
 * timeout, so a receiver never sees any of them.
 */
public final class Subscribers {

    private Subscribers() {
    }

    /**
     * @param receiver the backend's member, which treats what it hands out as settled
     * @param message the message of an item
     * @param <T> what the receiver hands out
     * @return a subscriber that acknowledges on receipt
     */
    public static <T> Subscriber subscriber(Receiver<T> receiver, Function<? super T, Message> message) {
        return new AutoAck<>(new Receiving<>(receiver, message));
    }

    /**
     * @param receiver the backend's member, which keeps what it hands out until it is settled
     * @param delivery the delivery of an item
     * @param <T> what the receiver hands out
     * @return a subscriber whose deliveries the application settles
     */
    public static <T> AckSubscriber ackSubscriber(Receiver<T> receiver, Function<? super T, Delivery> delivery) {
        return new ExplicitAck<>(new Receiving<>(receiver, delivery));
    }

    /** What both shapes do: subscribe, receive with the checks, close; {@code R} is what they return. */
    private static final class Receiving<T, R> {

        private final Receiver<T> receiver;
        private final Function<? super T, R> convert;
        private volatile boolean subscribed;
        private volatile boolean closed;

        Receiving(Receiver<T> receiver, Function<? super T, R> convert) {
            this.receiver = receiver;
            this.convert = convert;
        }

        void subscribe(String topic) {
            receiver.subscribe(Names.requireTopic(topic));
            subscribed = true;
        }

        R receive() throws InterruptedException {
            requireSubscribed();
            return convert.apply(receiver.next(null));
        }

        Optional<R> receive(Duration timeout) throws InterruptedException {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
            }
            requireSubscribed();
            T item = receiver.next(timeout);
            return item == null ? Optional.empty() : Optional.of(convert.apply(item));
        }

        /** After close, a receive reaches the receiver, which says it is closed. */
        void close() {
            closed = true;
            receiver.close();
        }

        private void requireSubscribed() {
            if (!subscribed && !closed) {
                throw new IllegalStateException("Subscribe to a topic before receiving");
            }
        }

        @Override
        public String toString() {
            return receiver.toString();
        }
    }

    private record AutoAck<T>(Receiving<T, Message> receiving) implements Subscriber {

        @Override
        public void subscribe(String topic) {
            receiving.subscribe(topic);
        }

        @Override
        public Message receive() throws InterruptedException {
            return receiving.receive();
        }

        @Override
        public Optional<Message> receive(Duration timeout) throws InterruptedException {
            return receiving.receive(timeout);
        }

        @Override
        public void close() {
            receiving.close();
        }

        @Override
        public String toString() {
            return "Subscriber[" + receiving + "]";
        }
    }

    private record ExplicitAck<T>(Receiving<T, Delivery> receiving) implements AckSubscriber {

        @Override
        public void subscribe(String topic) {
            receiving.subscribe(topic);
        }

        @Override
        public Delivery receive() throws InterruptedException {
            return receiving.receive();
        }

        @Override
        public Optional<Delivery> receive(Duration timeout) throws InterruptedException {
            return receiving.receive(timeout);
        }

        @Override
        public void close() {
            receiving.close();
        }

        @Override
        public String toString() {
            return "AckSubscriber[" + receiving + "]";
        }
    }
}
