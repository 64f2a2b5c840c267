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
 * refuse a receive before any subscribe and a negative timeout, so a receiver never sees either.
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
        return new AutoAck<>(receiver, message);
    }

    /**
     * @param receiver the backend's member, which keeps what it hands out until it is settled
     * @param delivery the delivery of an item
     * @param <T> what the receiver hands out
     * @return a subscriber whose deliveries the application settles
     */
    public static <T> AckSubscriber ackSubscriber(Receiver<T> receiver, Function<? super T, Delivery> delivery) {
        return new ExplicitAck<>(receiver, delivery);
    }

    private static void requireValid(Duration timeout, boolean subscribedOrClosed) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        requireSubscribed(subscribedOrClosed);
    }

    private static void requireSubscribed(boolean subscribedOrClosed) {
        if (!subscribedOrClosed) {
            throw new IllegalStateException("Subscribe to a topic before receiving");
        }
    }

    private static final class AutoAck<T> implements Subscriber {

        private final Receiver<T> receiver;
        private final Function<? super T, Message> message;
        private volatile boolean subscribed;
        private volatile boolean closed;

        AutoAck(Receiver<T> receiver, Function<? super T, Message> message) {
            this.receiver = receiver;
            this.message = message;
        }

        @Override
        public void subscribe(String topic) {
            receiver.subscribe(Objects.requireNonNull(topic, "topic"));
            subscribed = true;
        }

        @Override
        public Message receive() throws InterruptedException {
            requireSubscribed(subscribed || closed);
            return message.apply(receiver.next(null));
        }

        @Override
        public Optional<Message> receive(Duration timeout) throws InterruptedException {
            requireValid(timeout, subscribed || closed);
            T item = receiver.next(timeout);
            return item == null ? Optional.empty() : Optional.of(message.apply(item));
        }

        /** After close, a receive reaches the receiver, which says it is closed. */
        @Override
        public void close() {
            closed = true;
            receiver.close();
        }

        @Override
        public String toString() {
            return "Subscriber[" + receiver + "]";
        }
    }

    private static final class ExplicitAck<T> implements AckSubscriber {

        private final Receiver<T> receiver;
        private final Function<? super T, Delivery> delivery;
        private volatile boolean subscribed;
        private volatile boolean closed;

        ExplicitAck(Receiver<T> receiver, Function<? super T, Delivery> delivery) {
            this.receiver = receiver;
            this.delivery = delivery;
        }

        @Override
        public void subscribe(String topic) {
            receiver.subscribe(Objects.requireNonNull(topic, "topic"));
            subscribed = true;
        }

        @Override
        public Delivery receive() throws InterruptedException {
            requireSubscribed(subscribed || closed);
            return delivery.apply(receiver.next(null));
        }

        @Override
        public Optional<Delivery> receive(Duration timeout) throws InterruptedException {
            requireValid(timeout, subscribed || closed);
            T item = receiver.next(timeout);
            return item == null ? Optional.empty() : Optional.of(delivery.apply(item));
        }

        /** After close, a receive reaches the receiver, which says it is closed. */
        @Override
        public void close() {
            closed = true;
            receiver.close();
        }

        @Override
        public String toString() {
            return "AckSubscriber[" + receiver + "]";
        }
    }
}
