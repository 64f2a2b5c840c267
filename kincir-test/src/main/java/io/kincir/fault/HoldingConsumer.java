package io.kincir.fault;

import io.kincir.AckSubscriber;
import io.kincir.Backend;
import io.kincir.Delivery;
import io.kincir.listener.ListenerContainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The consumer {@link KilledConsumerFault} kills: a child process that joins a group and holds every
 * message it gets without ever acknowledging it, until it is killed.
 *
 * <p>Command line: {@code ack-subscriber|listener <topic> <group> <BackendFactory class> [its arguments…]}.
 * {@code ack-subscriber} receives with one {@link AckSubscriber} and never settles;
 * {@code listener} runs a {@link ListenerContainer} of {@link #LISTENER_CONCURRENCY} threads whose
 * handler never returns. It prints {@code kincir-child: subscribed} once the subscription is in place,
 * then {@code kincir-child: held <uuid>} for each message it holds.
 */
public final class HoldingConsumer {

    /** Printed, after the mark, once the consumer's subscription is in place. */
    static final String SUBSCRIBED = "subscribed";
    /** Printed, after the mark, before each message's uuid the consumer holds. */
    static final String HELD = "held ";
    /** The consumer threads of the {@code listener} mode: each holds one message in its handler. */
    static final int LISTENER_CONCURRENCY = 2;

    private HoldingConsumer() {
    }

    /**
     * @param args {@code ack-subscriber|listener <topic> <group> <BackendFactory class> [its arguments…]}
     * @throws Exception if the backend fails; the process then exits with a stack trace
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            throw new IllegalArgumentException("Usage: HoldingConsumer ack-subscriber|listener <topic> <group> "
                    + "<BackendFactory class> [its arguments…]; was " + Arrays.toString(args));
        }
        String topic = args[1];
        String group = args[2];
        Backend backend = ChildBackend.create(Arrays.asList(args).subList(3, args.length));
        switch (args[0]) {
            case "ack-subscriber" -> holdDeliveries(backend, topic, group);
            case "listener" -> holdInHandlers(backend, topic, group);
            default -> throw new IllegalArgumentException("Unknown mode '" + args[0] + "'; use ack-subscriber or listener");
        }
    }

    private static void holdDeliveries(Backend backend, String topic, String group) throws InterruptedException {
        AckSubscriber subscriber = backend.ackSubscriber(group);
        subscriber.subscribe(topic);
        ChildJvm.print(SUBSCRIBED);
        List<Delivery> held = new ArrayList<>();
        while (true) {
            Delivery delivery = subscriber.receive();
            held.add(delivery);
            ChildJvm.print(HELD + delivery.message().uuid());
        }
    }

    private static void holdInHandlers(Backend backend, String topic, String group) throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        ListenerContainer container = ListenerContainer.builder(backend).topics(topic).group(group)
                .concurrency(LISTENER_CONCURRENCY).deadLetterTopic("")
                .handler(message -> {
                    ChildJvm.print(HELD + message.uuid());
                    never.await();
                })
                .build();
        container.start();
        ChildJvm.print(SUBSCRIBED);
        // The consumer threads are daemons: the main thread keeps the process alive until it is killed.
        never.await();
    }
}
