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
 * The two subscriber shapes over a backend's {@link Receiver}, written once for every backend.
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

    private static final class AutoAck<T> implements Subscriber {

        private final Receiver<T> receiver;
        private final Function<? super T, Message> message;

        AutoAck(Receiver<T> receiver, Function<? super T, Message> message) {
            this.receiver = receiver;
            this.message = message;
        }

        @Override
        public void subscribe(String topic) {
            receiver.subscribe(Objects.requireNonNull(topic, "topic"));
        }

        @Override
        public Message receive() throws InterruptedException {
            return message.apply(receiver.next(null));
        }

        @Override
        public Optional<Message> receive(Duration timeout) throws InterruptedException {
            T item = receiver.next(Objects.requireNonNull(timeout, "timeout"));
            return item == null ? Optional.empty() : Optional.of(message.apply(item));
        }

        @Override
        public void close() {
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

        ExplicitAck(Receiver<T> receiver, Function<? super T, Delivery> delivery) {
            this.receiver = receiver;
            this.delivery = delivery;
        }

        @Override
        public void subscribe(String topic) {
            receiver.subscribe(Objects.requireNonNull(topic, "topic"));
        }

        @Override
        public Delivery receive() throws InterruptedException {
            return delivery.apply(receiver.next(null));
        }

        @Override
        public Optional<Delivery> receive(Duration timeout) throws InterruptedException {
            T item = receiver.next(Objects.requireNonNull(timeout, "timeout"));
            return item == null ? Optional.empty() : Optional.of(delivery.apply(item));
        }

        @Override
        public void close() {
            receiver.close();
        }

        @Override
        public String toString() {
            return "AckSubscriber[" + receiver + "]";
        }
    }
}
