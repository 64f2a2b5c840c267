package io.kincir.memory;

/**
 * The in-memory broker's health, from {@link InMemoryBroker#healthCheck()}.
 *
 * @param healthy whether the broker accepts messages (false once shut down)
 * @param topicCount how many topics exist
 * @param queuedMessages messages waiting in every group's queue
 * @param memoryEstimateBytes an estimate of the memory the queued messages hold: payload and
 *     metadata plus a fixed overhead per message, a message shared by several groups counted once
 * @param expiredMessages messages that expired before delivery, since start
 * @param droppedMessages messages discarded without delivery, since start: rejected with
 *     {@code nack(false)}, left in a closed private group, removed by a forced shutdown, or delayed
 *     past a shutdown
 * @param unroutedMessages messages published to a topic that had no subscriber group, since start
 */
public record BrokerHealth(boolean healthy, int topicCount, long queuedMessages, long memoryEstimateBytes,
        long expiredMessages, long droppedMessages, long unroutedMessages) {
}
