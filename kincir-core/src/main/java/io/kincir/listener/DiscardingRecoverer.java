package io.kincir.listener;

import io.kincir.Message;
import java.lang.System.Logger.Level;

/**
 * Used when dead-lettering is turned off: a message that failed every attempt is dropped, and never
 * silently: it is logged at ERROR with its uuid, payload size and error.
 */
final class DiscardingRecoverer implements Recoverer {

    private static final System.Logger LOG = System.getLogger(DiscardingRecoverer.class.getName());

    private final ListenerTopic topic;

    DiscardingRecoverer(ListenerTopic topic) {
        this.topic = topic;
    }

    @Override
    public Outcome recover(Message message, Throwable failure, int attempts) {
        LOG.log(Level.ERROR, "Listener '" + topic.listenerId() + "' dropped message " + message.uuid() + " ("
                + message.payload().length + " bytes, metadata " + message.metadata() + ") from topic '"
                + topic.topic() + "' after " + attempts + " failed attempts; dead-lettering is off. Last error: "
                + Tally.describe(failure), failure);
        return Outcome.DISCARD;
    }
}
