package io.kincir.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.kincir.AckSubscriber;
import io.kincir.BrokerShutdownException;
import io.kincir.Delivery;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.Subscriber;
import io.kincir.conformance.ExternalServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/**
 * Manual acknowledgement on the real server: what the broker requeues when a channel closes or the
 * network drops, what the prefetch holds back, and where {@code nack(false)} keeps a message.
 */
class RabbitRedeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final TestRabbit rabbit = new TestRabbit();
    private RabbitBackend backend;
    private final String topic = "kincir-redelivery-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    private final String group = "workers";

    @BeforeEach
    void setUp() throws Exception {
        ExternalServer.RABBITMQ.require();
        backend = rabbit.backend();
    }

    @AfterEach
    void tearDown() throws Exception {
        rabbit.close();
    }

    @Test
    void unackedDeliveriesGoBackToTheGroupWhenTheNetworkDrops() throws Exception {
        SocketRecorder sockets = new SocketRecorder();
        ConnectionFactory flakyNetwork = new ConnectionFactory();
        flakyNetwork.setHost(ExternalServer.RABBITMQ.host());
        flakyNetwork.setPort(ExternalServer.RABBITMQ.port());
        flakyNetwork.setSocketFactory(sockets);
        CachingConnectionFactory flakyFactory = new CachingConnectionFactory(flakyNetwork);
        try {
            RabbitBackend dropping = rabbit.track(RabbitBackend.builder().connectionFactory(flakyFactory).build());
            AckSubscriber cut = dropping.ackSubscriber(group);
            cut.subscribe(topic);
            List<Message> sent = List.of(Message.of("a"), Message.of("b"), Message.of("c"), Message.of("d"),
                    Message.of("e"));
            backend.publisher().publish(topic, sent);
            List<Delivery> held = receive(cut, 3); // "d" and "e" wait in the client's buffer, not handed out
            await().atMost(WAIT).until(() -> readyMessages(topic + "." + group) == 0);

            sockets.dropAll(); // the TCP connection closes under the client, without an AMQP close

            try (AckSubscriber survivor = backend.ackSubscriber(group)) {
                survivor.subscribe(topic);
                List<Delivery> redelivered = receive(survivor, 5);
                assertThat(redelivered).extracting(d -> d.message().uuid())
                        .containsExactlyInAnyOrderElementsOf(sent.stream().map(Message::uuid).toList());
                redelivered.forEach(Delivery::ack);
            }
            assertThatIllegalStateException().isThrownBy(held.get(0)::ack).withMessageContaining("was lost");

            // The cut subscriber reconnects on its next receive and consumes its topic again; what its old
            // channel had buffered is not handed out, since the broker requeued it (the survivor took it).
            backend.publisher().publish(topic, Message.of("after the outage"));
            Delivery after = receive(cut, 1).get(0);
            assertThat(after.message().payloadAsString()).isEqualTo("after the outage");
            after.ack();
            cut.close();
        } finally {
            flakyFactory.destroy();
        }
    }

    @Test
    void whatAPlainSubscriberBufferedButDidNotHandOutGoesBackWhenItCloses() throws Exception {
        Subscriber first = backend.subscriber(group);
        first.subscribe(topic);
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(Message.of("m-" + i));
        }
        backend.publisher().publish(topic, sent);
        assertThat(first.receive(WAIT)).map(Message::payloadAsString).contains("m-0");
        // Every message has left the queue for the subscriber's local buffer.
        await().atMost(WAIT).until(() -> readyMessages(topic + "." + group) == 0);

        first.close();

        try (Subscriber next = backend.subscriber(group)) {
            next.subscribe(topic);
            List<String> rest = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                rest.add(next.receive(WAIT).orElseThrow().payloadAsString());
            }
            assertThat(rest).containsExactlyInAnyOrder("m-1", "m-2", "m-3", "m-4", "m-5", "m-6", "m-7", "m-8", "m-9");
            assertThat(next.receive(Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void theBrokerPushesNoMoreThanThePrefetchOfUnsettledDeliveries() throws Exception {
        RabbitBackend small = rabbit.track(rabbit.builder().prefetch(2).build());
        try (AckSubscriber holder = small.ackSubscriber(group); AckSubscriber other = backend.ackSubscriber(group)) {
            holder.subscribe(topic);
            backend.publisher().publish(topic, List.of(Message.of("1"), Message.of("2"), Message.of("3"),
                    Message.of("4"), Message.of("5")));
            receive(holder, 2);
            await().atMost(WAIT).until(() -> readyMessages(topic + "." + group) == 3);
            assertThat(holder.receive(Duration.ofMillis(300))).isEmpty();

            other.subscribe(topic);
            List<Delivery> rest = receive(other, 3);
            rest.forEach(Delivery::ack);
        }
    }

    @Test
    void aDeliveryRejectedWithoutRequeueIsKeptInTheGroupsRejectedQueue() throws Exception {
        try (AckSubscriber subscriber = backend.ackSubscriber(group)) {
            subscriber.subscribe(topic);
            Message poison = Message.of("poison").withMetadata("customer", "Bob");
            backend.publisher().publish(topic, poison);

            receive(subscriber, 1).get(0).nack(false);

            String rejected = topic + "." + group + ".rejected";
            GetResponse kept = await().atMost(WAIT).until(() -> get(rejected), response -> response != null);
            assertThat(kept.getProps().getMessageId()).isEqualTo(poison.uuid());
            assertThat(kept.getProps().getHeaders().get("customer")).hasToString("Bob");
            assertThat(kept.getProps().getHeaders().get("x-first-death-reason")).hasToString("rejected");
            assertThat(subscriber.receive(Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void closingTheBackendWakesABlockedReceiverAndRequeuesItsDeliveries() throws Exception {
        RabbitBackend closing = rabbit.track(rabbit.builder().build());
        AckSubscriber subscriber = closing.ackSubscriber(group);
        subscriber.subscribe(topic);
        backend.publisher().publish(topic, Message.of("held"));
        Delivery held = receive(subscriber, 1).get(0);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Delivery> blocked = thread.submit(() -> subscriber.receive());

            closing.close();

            assertThat(catchCause(blocked)).isInstanceOf(BrokerShutdownException.class);
            assertThatIllegalStateException().isThrownBy(held::ack).withMessageContaining("closed");
            try (AckSubscriber next = backend.ackSubscriber(group)) {
                next.subscribe(topic);
                Delivery again = receive(next, 1).get(0);
                assertThat(again.message().uuid()).isEqualTo(held.message().uuid());
                again.ack();
            }
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void anInvalidDelayFailsTheWholeBatch() throws Exception {
        try (Subscriber subscriber = backend.subscriber(group)) {
            subscriber.subscribe(topic);
            List<Message> batch = List.of(Message.of("fine"), Message.of("bad").withMetadata(MetadataKeys.DELAY, "soon"));

            org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                    .isThrownBy(() -> backend.publisher().publish(topic, batch))
                    .withMessageContaining("_delay='soon'");
            assertThat(subscriber.receive(Duration.ofMillis(300))).isEmpty();
        }
    }

    private static Throwable catchCause(Future<?> future) throws InterruptedException {
        try {
            future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("The blocked receive did not return after the backend closed", e);
        }
    }

    private List<Delivery> receive(AckSubscriber subscriber, int count) throws InterruptedException {
        List<Delivery> received = new ArrayList<>();
        while (received.size() < count) {
            Optional<Delivery> delivery = subscriber.receive(WAIT);
            assertThat(delivery).as("delivery %d of %d", received.size() + 1, count).isPresent();
            received.add(delivery.get());
        }
        return received;
    }

    private int readyMessages(String queue) throws IOException {
        try (Channel channel = rabbit.inspector().createChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException(e);
        }
    }

    private GetResponse get(String queue) throws IOException {
        try (Channel channel = rabbit.inspector().createChannel()) {
            return channel.basicGet(queue, true);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException(e);
        }
    }

    /** Creates plain sockets and remembers them, so a test can cut the connection as a network failure would. */
    private static final class SocketRecorder extends SocketFactory {

        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        @Override
        public Socket createSocket() {
            Socket socket = new Socket();
            sockets.add(socket);
            return socket;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            throw new UnsupportedOperationException("the client creates unconnected sockets");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
            throw new UnsupportedOperationException("the client creates unconnected sockets");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) {
            throw new UnsupportedOperationException("the client creates unconnected sockets");
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
            throw new UnsupportedOperationException("the client creates unconnected sockets");
        }

        void dropAll() throws IOException {
            assertThat(sockets).as("connections made through the recorder").isNotEmpty();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
