package io.kincir.benchmarks;

import io.kincir.memory.InMemoryConfig;
import java.time.Duration;
import java.util.List;

/** The transports the in-memory benchmarks compare, by the names their {@code contender} parameter takes. */
final class Contender {

    /** Kincir's in-memory broker in its {@link InMemoryConfig#highPerformance()} profile. */
    static final String KINCIR = "kincir";
    /** The plain {@link java.util.concurrent.ArrayBlockingQueue} hand-off of {@link QueueTransport}. */
    static final String ARRAY_BLOCKING_QUEUE = "arrayBlockingQueue";
    /** Kincir as {@link #KINCIR} with {@link InMemoryConfig#withReceiverSpin receiverSpin} 0: receivers park at once. */
    static final String KINCIR_PARKING = "kincirReceiverSpin0";
    /** The {@link SpinningQueueTransport}: what two threads get on this machine from a hand-off that costs nothing. */
    static final String SPINNING_QUEUE = "spinningQueue";

    /**
     * Every contender, each of which any topology can run, in the order the latency table lists them:
     * Kincir as configured by default, Kincir parking, the baseline, the floor.
     */
    static final List<String> ALL = List.of(KINCIR, KINCIR_PARKING, ARRAY_BLOCKING_QUEUE, SPINNING_QUEUE);

    private Contender() {
    }

    static Transport create(String contender, Topology topology, int batchSize) {
        return switch (contender) {
            case KINCIR -> new KincirTransport(topology, InMemoryConfig.highPerformance());
            case KINCIR_PARKING -> new KincirTransport(topology, InMemoryConfig.highPerformance().withReceiverSpin(Duration.ZERO));
            case ARRAY_BLOCKING_QUEUE -> new QueueTransport(topology, Pipeline.MESSAGES, batchSize);
            case SPINNING_QUEUE -> new SpinningQueueTransport(topology);
            default -> throw new IllegalArgumentException("Unknown contender '" + contender + "'; use " + KINCIR + ", "
                    + KINCIR_PARKING + ", " + ARRAY_BLOCKING_QUEUE + " or " + SPINNING_QUEUE);
        };
    }
}
