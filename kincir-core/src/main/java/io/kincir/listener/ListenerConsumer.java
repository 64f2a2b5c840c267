package io.kincir.listener;

import io.kincir.AckSubscriber;
import io.kincir.BrokerShutdownException;
import io.kincir.Delivery;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One consumer thread of a listener: owns one subscriber of one topic, receives with a timeout while
 * the listener runs, and hands each delivery, or each batch of them, to the processor. A batch is
 * complete when it is full, when the batch timeout has passed since its first delivery, or when a stop
 * or a pause comes; it is never empty. The subscriber is only ever used, and
 * closed, on this thread; {@link #wakeIfIdle()} interrupts the thread only while it waits to receive,
 * never while it handles a message. While the container is paused the thread waits at the
 * {@link PauseGate} instead of receiving, keeping its subscriber.
 */
final class ListenerConsumer implements Runnable {

    private static final System.Logger LOG = System.getLogger(ListenerConsumer.class.getName());

    private final ListenerTopic topic;
    private final Supplier<AckSubscriber> subscribe;
    private final DeliveryProcessor processor;
    private final Batching batching;
    private final StopSignal stop;
    private final Duration pollTimeout;
    private final Duration recoveryInterval;
    private final Tally tally;
    private final PauseGate gate;
    private final ReceivingPhase phase = new ReceivingPhase();
    private final Tally.Handled handled;
    private AckSubscriber subscriber;
    private Thread thread;
    /** The last receive brought a delivery: the next one first takes what is already there. */
    private boolean flowing;
    private volatile boolean finished;

    ListenerConsumer(ListenerTopic topic, AckSubscriber subscriber, Supplier<AckSubscriber> subscribe,
            DeliveryProcessor processor, Batching batching, StopSignal stop, Duration pollTimeout,
            Duration recoveryInterval, Tally tally, PauseGate gate) {
        this.topic = topic;
        this.subscriber = subscriber;
        this.subscribe = subscribe;
        this.processor = processor;
        this.batching = batching;
        this.stop = stop;
        this.pollTimeout = pollTimeout;
        this.recoveryInterval = recoveryInterval;
        this.tally = tally;
        this.gate = gate;
        this.handled = tally.countHandled();
    }

    Thread start(String name) {
        thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void run() {
        try {
            while (!stop.raised()) {
                if (gate.holds(stop, pollTimeout)) {
                    continue;
                }
                try {
                    poll();
                } catch (BrokerShutdownException e) {
                    throw e;
                } catch (Throwable e) {
                    startOver(e);
                }
            }
        } catch (BrokerShutdownException e) {
            tally.error("The backend shut down: " + Tally.describe(e));
            LOG.log(Level.WARNING, "Listener '" + topic.listenerId() + "' stopped consuming topic '" + topic.topic()
                    + "': " + e.getMessage());
        } finally {
            closeSubscriber();
            tally.retire(handled);
            finished = true;
        }
    }

    private void poll() {
        if (subscriber == null && !resubscribe()) {
            return;
        }
        Optional<Delivery> delivery = receive(pollTimeout);
        if (delivery != null && delivery.isPresent()) {
            if (batching.size() == 1) {
                handled.add(processor.processOne(delivery.get()));
                return;
            }
            List<Delivery> batch = collect(delivery.get());
            if (subscriber != null) {
                handled.add(processor.process(batch));
            }
            // Otherwise receiving failed and closed the subscriber, which gave the batch back to the group.
        }
    }

    /** Receives the rest of the batch that {@code first} begins. */
    private List<Delivery> collect(Delivery first) {
        List<Delivery> batch = new ArrayList<>();
        batch.add(first);
        long deadline = System.nanoTime() + batching.timeout().toNanos();
        while (batch.size() < batching.size()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Optional<Delivery> next = receive(Duration.ofNanos(left));
            if (next == null || next.isEmpty()) {
                break;
            }
            batch.add(next.get());
        }
        return batch;
    }

    /**
     * Something outside the handler failed (an observer, the backend's client, an {@link Error} while
     * settling): a consumer thread that died of it would leave the listener short of a consumer for
     * good, and its message would kill the next one. Instead the subscriber is closed, which gives an
     * unsettled message back to the group, and the consumer subscribes again after the recovery
     * interval, as a new consumer would.
     */
    private void startOver(Throwable failure) {
        tally.consumerRestarts.increment();
        tally.error("A consumer of topic '" + topic.topic() + "' failed and started over: " + Tally.describe(failure));
        LOG.log(Level.ERROR, "Listener '" + topic.listenerId() + "' consumer of topic '" + topic.topic()
                + "' failed outside the handler; closing its subscriber and subscribing again in " + recoveryInterval,
                failure);
        closeSubscriber();
        stop.pause(recoveryInterval);
    }

    /**
     * Receives the next delivery. Right after a delivery it first takes one that is already there,
     * without waiting and so outside the {@link ReceivingPhase}: a stream that keeps coming then
     * costs no entering and leaving of the phase per message, which the in-memory broker's listener
     * benchmark showed as a tenth of the consumer's time. A stop or a pause is still seen before
     * each receive, and a receive that may wait is always made inside the phase.
     *
     * @return the delivery, empty on timeout, or null when receiving failed or was interrupted by a stop
     *     or a pause
     */
    private Optional<Delivery> receive(Duration timeout) {
        if (flowing) {
            if (stop.raised() || gate.paused()) {
                return null;
            }
            Optional<Delivery> waiting = receiveFromSubscriber(Duration.ZERO);
            if (waiting == null || waiting.isPresent()) {
                return waiting;
            }
        }
        Optional<Delivery> received = receiveWaiting(timeout);
        flowing = received != null && received.isPresent();
        return received;
    }

    /** Receives inside the phase, where a stop or a pause may interrupt the wait. */
    private Optional<Delivery> receiveWaiting(Duration timeout) {
        phase.enter();
        try {
            if (stop.raised() || gate.paused()) {
                return null;
            }
            return receiveFromSubscriber(timeout);
        } finally {
            // A stop may have interrupted us just as a delivery arrived: that message is handled in
            // full, so the interrupt must not reach the handler.
            phase.leave();
        }
    }

    /** @return the delivery, empty on timeout, or null when receiving failed or was interrupted */
    private Optional<Delivery> receiveFromSubscriber(Duration timeout) {
        try {
            return subscriber.receive(timeout);
        } catch (InterruptedException e) {
            return null;
        } catch (BrokerShutdownException e) {
            throw e;
        } catch (RuntimeException e) {
            tally.error("Receiving from topic '" + topic.topic() + "' failed: " + Tally.describe(e));
            LOG.log(Level.WARNING, "Listener '" + topic.listenerId() + "' failed to receive from topic '"
                    + topic.topic() + "'; subscribing again in " + recoveryInterval, e);
            closeSubscriber();
            stop.pause(recoveryInterval);
            return null;
        }
    }

    private boolean resubscribe() {
        try {
            subscriber = subscribe.get();
            return true;
        } catch (BrokerShutdownException e) {
            throw e;
        } catch (RuntimeException e) {
            tally.error("Subscribing to topic '" + topic.topic() + "' failed: " + Tally.describe(e));
            LOG.log(Level.WARNING, "Listener '" + topic.listenerId() + "' could not subscribe to topic '"
                    + topic.topic() + "'; trying again in " + recoveryInterval, e);
            stop.pause(recoveryInterval);
            return false;
        }
    }

    private void closeSubscriber() {
        flowing = false;
        if (subscriber == null) {
            return;
        }
        try {
            subscriber.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Listener '" + topic.listenerId() + "' could not close its subscriber of topic '"
                    + topic.topic() + "'", e);
        }
        subscriber = null;
    }

    /**
     * Interrupts the thread if it is waiting to receive, so that a stop does not wait for the poll
     * timeout and a pause takes effect before the next message.
     */
    void wakeIfIdle() {
        phase.interruptIfReceiving(thread);
    }

    /** Closes the subscriber of a consumer whose thread never started (a sibling failed to subscribe). */
    void closeUnstarted() {
        closeSubscriber();
        tally.retire(handled);
    }

    boolean finished() {
        return finished;
    }

    Thread thread() {
        return thread;
    }
}
