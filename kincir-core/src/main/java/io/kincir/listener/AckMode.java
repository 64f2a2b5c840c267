package io.kincir.listener;

/** When a {@link ListenerContainer} acknowledges a delivery. */
public enum AckMode {

    /**
     * After the message was handled or dead-lettered: a message being handled when the process dies
     * is delivered again (on a backend that outlives the process), so a handler may see a message
     * twice and should be idempotent.
     */
    AT_LEAST_ONCE,

    /**
     * Before the handler runs: a message is never handled twice, but one being handled when the
     * process dies is lost. Retries and dead-lettering still apply within the process.
     */
    AT_MOST_ONCE
}
