package io.kincir.listener;

/** What became of a message, which decides how its delivery is settled. */
enum Outcome {
    /** The handler succeeded: acknowledge. */
    HANDLED,
    /** Every attempt failed and the message was dead-lettered: acknowledge. */
    DEAD_LETTERED,
    /** Every attempt failed and dead-lettering is off: drop it ({@code nack(false)}), logged. */
    DISCARD,
    /** Every dead-letter publish failed too: the message was parked on the container; acknowledge. */
    PARKED,
    /** The container stopped before the message was done: give it back for the next start ({@code nack(true)}). */
    REQUEUE
}
