package io.kincir.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kincir.AckSubscriber;
import io.kincir.BrokerShutdownException;
import io.kincir.Delivery;
import io.kincir.KincirException;
import io.kincir.Message;
import io.kincir.Publisher;
import io.kincir.Subscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What every backend does after close, and while closing: the same exception for the same misuse on
 * every backend, and no thread left waiting. Watermill's publisher-close and concurrent-close tests
 * are the model.
 */
public abstract class LifecycleConformance extends BackendConformance {

    @Test
    void publishAfterCloseThrowsBrokerShutdown() {
        Publisher publisher = backend.publisher();
        backend.close();

        assertThatThrownBy(() -> publisher.publish(newTopic(), Message.of("late")))
                .isInstanceOf(BrokerShutdownException.class);
        assertThatThrownBy(() -> backend.publisher().publish(newTopic(), Message.of("later")))
                .isInstanceOf(BrokerShutdownException.class);
    }

    @Test
    void newSubscribersAfterCloseThrowBrokerShutdown() {
        backend.close();

        assertThatThrownBy(backend::subscriber).isInstanceOf(BrokerShutdownException.class);
        assertThatThrownBy(() -> backend.subscriber(newGroup())).isInstanceOf(BrokerShutdownException.class);
        assertThatThrownBy(() -> backend.ackSubscriber(newGroup())).isInstanceOf(BrokerShutdownException.class);
    }

    @Test
    void subscribeAndReceiveAfterCloseThrowBrokerShutdown() throws InterruptedException {
        String topic = newTopic();
        Subscriber subscriber = backend.subscriber(newGroup());
        subscriber.subscribe(topic);
        AckSubscriber ackSubscriber = backend.ackSubscriber(newGroup());
        ackSubscriber.subscribe(topic);
        backend.close();

        assertThatThrownBy(() -> subscriber.subscribe(newTopic())).isInstanceOf(BrokerShutdownException.class);
        assertThatThrownBy(() -> subscriber.receive(Duration.ofMillis(100)))
                .isInstanceOf(BrokerShutdownException.class);
        assertThatThrownBy(() -> ackSubscriber.receive(Duration.ofMillis(100)))
                .isInstanceOf(BrokerShutdownException.class);
        subscriber.close();
        ackSubscriber.close();
    }

    @Test
    void aReceiverWaitingWhenTheBackendClosesIsWokenWithBrokerShutdown() throws InterruptedException {
        AckSubscriber subscriber = backend.ackSubscriber(newGroup());
        subscriber.subscribe(newTopic());
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread receiver = new Thread(() -> {
            try {
                subscriber.receive();
            } catch (Throwable e) {
                outcome.set(e);
            } finally {
                done.countDown();
            }
        }, "conformance-waiting-receiver");
        receiver.start();
        awaitWaiting(receiver);

        backend.close();

        assertThat(done.await(receiveTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
                .as("the waiting receiver returned after close").isTrue();
        assertThat(outcome.get()).isInstanceOf(BrokerShutdownException.class);
    }

    @Test
    void closeTwiceIsHarmless() {
        backend.close();
        backend.close();

        assertThat(backend.health().up()).isFalse();
    }

    @Test
    void settlingTwiceThrowsTheSameMessageOnEveryBackend() throws InterruptedException {
        String topic = newTopic();
        try (AckSubscriber subscriber = backend.ackSubscriber(newGroup())) {
            subscriber.subscribe(topic);
            backend.publisher().publish(topic, List.of(Message.of("one"), Message.of("two")));
            Delivery acked = receive(subscriber);
            Delivery nacked = receive(subscriber);
            acked.ack();
            nacked.nack(false);

            assertThatIllegalStateException().isThrownBy(acked::ack)
                    .withMessage("Cannot ack message " + acked.message().uuid() + ": it was already settled");
            assertThatIllegalStateException().isThrownBy(() -> nacked.nack(true))
                    .withMessage("Cannot nack message " + nacked.message().uuid() + ": it was already settled");
        }
    }

    @Test
    void settlingAfterTheSubscriberClosedThrowsTheSameMessageOnEveryBackend() throws InterruptedException {
        String topic = newTopic();
        AckSubscriber subscriber = backend.ackSubscriber(newGroup());
        subscriber.subscribe(topic);
        backend.publisher().publish(topic, Message.of("held"));
        Delivery delivery = receive(subscriber);
        subscriber.close();

        assertThatIllegalStateException().isThrownBy(() -> delivery.nack(true))
                .withMessage("Cannot nack message " + delivery.message().uuid()
                        + ": its subscriber closed, so it went back to the group to be delivered again");
    }

    /**
     * Publishers and a receiver run while the backend closes: every thread ends by itself, each
     * publish either returned or failed with a {@link KincirException}, and every message that the
     * receiver got was one whose publish returned or was under way.
     */
    @Test
    void closeWhilePublishingAndReceivingEndsEveryThread() throws InterruptedException {
        String topic = newTopic();
        AckSubscriber subscriber = backend.ackSubscriber(newGroup());
        subscriber.subscribe(topic);
        Set<String> attempted = ConcurrentHashMap.newKeySet();
        Set<String> received = ConcurrentHashMap.newKeySet();
        List<Throwable> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch someReceived = new CountDownLatch(20);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            threads.add(new Thread(() -> {
                Publisher publisher = backend.publisher();
                while (true) {
                    Message message = Message.of("concurrent");
                    attempted.add(message.uuid());
                    try {
                        publisher.publish(topic, message);
                    } catch (KincirException e) {
                        return;
                    } catch (Throwable e) {
                        unexpected.add(e);
                        return;
                    }
                }
            }, "conformance-publisher-" + p));
        }
        threads.add(new Thread(() -> {
            while (true) {
                try {
                    Delivery delivery = subscriber.receive();
                    received.add(delivery.message().uuid());
                    someReceived.countDown();
                    delivery.ack();
                } catch (KincirException | IllegalStateException e) {
                    return;
                } catch (Throwable e) {
                    unexpected.add(e);
                    return;
                }
            }
        }, "conformance-receiver"));
        threads.forEach(Thread::start);
        assertThat(someReceived.await(receiveTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
                .as("messages flowed before close").isTrue();

        backend.close();

        for (Thread thread : threads) {
            thread.join(receiveTimeout().toMillis());
            assertThat(thread.isAlive()).as(thread.getName() + " ended after close").isFalse();
        }
        assertThat(unexpected).as("errors other than KincirException").isEmpty();
        assertThat(attempted).containsAll(received);
        subscriber.close();
    }

    private static void awaitWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The receiver did not start waiting: " + thread.getState());
            }
            Thread.sleep(1);
        }
    }
}
