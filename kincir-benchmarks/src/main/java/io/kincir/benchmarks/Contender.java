package io.kincir.benchmarks;

import io.kincir.memory.InMemoryConfig;

/** The transports the in-memory benchmarks compare, by the names their {@code contender} parameter takes. */
final class Contender {

    /** Kincir's in-memory broker in its {@link InMemoryConfig#highPerformance()} profile. */
    static final String KINCIR = "kincir";
    /** The plain {@link java.util.concurrent.ArrayBlockingQueue} hand-off of {@link QueueTransport}. */
    static final String ARRAY_BLOCKING_QUEUE = "arrayBlockingQueue";

    private Contender() {
    }

    static Transport create(String contender, Topology topology, int batchSize) {
        return switch (contender) {
            case KINCIR -> new KincirTransport(topology, InMemoryConfig.highPerformance());
            case ARRAY_BLOCKING_QUEUE -> new QueueTransport(topology, Pipeline.MESSAGES, batchSize);
            default -> throw new IllegalArgumentException("Unknown contender '" + contender + "'; use " + KINCIR
                    + " or " + ARRAY_BLOCKING_QUEUE);
        };
    }
}
