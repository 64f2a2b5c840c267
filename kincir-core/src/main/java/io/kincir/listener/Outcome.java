package io.kincir.listener;

/** What became of a message, which decides how its delivery is settled. */
enum Outcome {
    /** The handler succeeded: acknowledge. */
    HANDLED,
    /** Every attempt failed and the message was dead-lettered: acknowledge. */
    DEAD_LETTERED,
    /** Every attempt failed and dead-lettering is off: drop it ({@code nack(false)}), logged. */
    DISCARD,
    /** Every attempt failed and the dead letter could not be published: deliver it again ({@code nack(true)}). */
    REQUEUE
}
