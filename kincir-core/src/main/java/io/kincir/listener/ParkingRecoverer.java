package io.kincir.listener;

import io.kincir.Message;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;

/**
 * Tries a recoverer that can fail (the dead-letter publish) a bounded number of times, waiting the
 * recovery interval in between, and parks the message once every try failed. A dead letter that can
 * never be published (a full queue, a record over the size limit, an ACL on the dead-letter topic)
 * would otherwise come back to the head of its queue forever: handled again from attempt 1, its side
 * effects repeated, every message behind it waiting. Parking acknowledges it, keeps it on the
 * container, counts it and logs it at ERROR, so it is never lost silently.
 *
 * <p>A stop during a wait gives the message back to the broker for the next start, as a stop during a
 * retry back-off does; with {@link AckMode#AT_MOST_ONCE} it was acknowledged already, so it is parked
 * at once instead.
 */
final class ParkingRecoverer implements Recoverer {

    private static final System.Logger LOG = System.getLogger(ParkingRecoverer.class.getName());

    private final Recoverer delegate;
    private final int tries;
    private final Duration interval;
    private final boolean requeueOnStop;
    private final StopSignal stop;
    private final ListenerTopic topic;
    private final ParkedMessages parked;
    private final Tally tally;

    ParkingRecoverer(Recoverer delegate, int tries, Duration interval, boolean requeueOnStop, StopSignal stop,
            ListenerTopic topic, ParkedMessages parked, Tally tally) {
        this.delegate = delegate;
        this.tries = tries;
        this.interval = interval;
        this.requeueOnStop = requeueOnStop;
        this.stop = stop;
        this.topic = topic;
        this.parked = parked;
        this.tally = tally;
    }

    @Override
    public Outcome recover(Message message, Throwable failure, int attempts) {
        for (int tried = 1; ; tried++) {
            try {
                return delegate.recover(message, failure, attempts);
            } catch (RuntimeException e) {
                if (tried >= tries) {
                    return park(message, failure, e, tried);
                }
                if (!stop.pause(interval)) {
                    return requeueOnStop ? Outcome.REQUEUE : park(message, failure, e, tried);
                }
            }
        }
    }

    private Outcome park(Message message, Throwable failure, RuntimeException refusal, int tried) {
        String reason = Tally.describe(refusal);
        parked.add(new ParkedMessage(message, topic.topic(), reason, Tally.describe(failure), Instant.now()));
        tally.error("Parked message " + message.uuid() + " from topic '" + topic.topic() + "': its dead letter could "
                + "not be published in " + tried + (tried == 1 ? " try: " : " tries: ") + reason);
        LOG.log(Level.ERROR, "Listener '" + topic.listenerId() + "' parked message " + message.uuid() + " from topic '"
                + topic.topic() + "' after " + tried + " failed dead-letter publishes (" + reason + "); it was "
                + "acknowledged and is kept in the listener's parked messages for an operator to republish");
        return Outcome.PARKED;
    }
}
