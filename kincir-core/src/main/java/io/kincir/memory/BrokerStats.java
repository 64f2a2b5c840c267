package io.kincir.memory;

import java.time.Duration;

/**
 * The in-memory broker's statistics, from {@link InMemoryBroker#stats()} when stats are on.
 *
 * @param published messages accepted by publish, since start
 * @param consumed messages handed to receivers, since start (redeliveries count again)
 * @param expired messages that expired before delivery
 * @param unrouted messages published to a topic that had no subscriber group
 * @param dropped messages discarded without delivery (see {@link BrokerHealth#droppedMessages()})
 * @param activeTopics topics that have at least one subscriber group
 * @param uptime time since the broker was created
 */
public record BrokerStats(long published, long consumed, long expired, long unrouted, long dropped, int activeTopics,
        Duration uptime) {
}
