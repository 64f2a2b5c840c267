package io.kincir.benchmarks;

import io.kincir.Message;
import java.util.List;

/**
 * One way to move messages from publisher threads to receiver threads in a {@link Topology}: Kincir
 * or the plain-queue baseline it is compared with. A benchmark runs the same {@link Pipeline} over
 * each, so the two differ only in this class.
 */
interface Transport extends AutoCloseable {

    /**
     * Publishes a batch; called by several publisher threads at once.
     *
     * @param batch the messages, published as one batch where the transport has batches
     */
    void send(List<Message> batch) throws InterruptedException;

    /** @return one receiver per member of every group, in the topology's order; each is used by one thread */
    List<Receiver> receivers();

    /** Makes every receiver's {@link Receiver#next()} return null once it has nothing left. */
    @Override
    void close();

    /** The receiving end of one member. */
    interface Receiver {

        /** @return the group this member belongs to, from 0 */
        int group();

        /** @return the next message, waiting for it; null once the transport is closed (then not called again) */
        Message next() throws InterruptedException;
    }
}
