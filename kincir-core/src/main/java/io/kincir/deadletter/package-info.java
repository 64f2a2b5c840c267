/**
 * Dead letters as an operator sees them: {@link io.kincir.deadletter.DeadLetters} lists the messages
 * that failed every attempt in a listener and wait in a dead-letter topic ({@code <topic>.dlq}), replays
 * them to the topic they came from, or purges them; on every backend, without Spring.
 */
package io.kincir.deadletter;
