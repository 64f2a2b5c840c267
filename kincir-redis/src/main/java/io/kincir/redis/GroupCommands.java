package io.kincir.redis;

import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.concurrent.CompletableFuture;

/** The consumer-group commands members send, on whichever connection is free to carry them. */
final class GroupCommands {

    private GroupCommands() {
    }

    /**
     * Creates the group on a stream, and the stream if missing ({@code MKSTREAM}); a group that exists
     * already keeps its position. A topic's group starts after the stream's last entry, so it gets what
     * is published once it exists; a requeue stream's group starts at its beginning.
     */
    static CompletableFuture<Void> create(RedisAsyncCommands<byte[], byte[]> commands, Source source, String group) {
        XReadArgs.StreamOffset<byte[]> offset = source.requeue() ? XReadArgs.StreamOffset.from(source.key(), "0")
                : XReadArgs.StreamOffset.latest(source.key());
        return commands.xgroupCreate(offset, Keys.bytes(group), new XGroupCreateArgs().mkstream(true))
                .toCompletableFuture()
                .<Void>thenApply(ok -> null)
                .exceptionallyCompose(failure -> Replies.isError(failure, "BUSYGROUP")
                        ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(failure));
    }

    /** Acknowledges entries of one stream; a requeue stream's are deleted too, as no other group reads them. */
    static CompletableFuture<?> ack(RedisAsyncCommands<byte[], byte[]> commands, Source source, String group,
            String... ids) {
        CompletableFuture<Long> acked = commands.xack(source.key(), Keys.bytes(group), ids).toCompletableFuture();
        if (!source.requeue()) {
            return acked;
        }
        return CompletableFuture.allOf(acked, commands.xdel(source.key(), ids).toCompletableFuture());
    }

    /**
     * Moves entries pending with a consumer to the group's requeue stream, where any member reads them
     * next; those another member claimed meanwhile are left to it.
     *
     * @return how many were trimmed away before they could be moved
     */
    static CompletableFuture<Long> requeue(RedisAsyncCommands<byte[], byte[]> commands, Source source,
            byte[] requeueStream, String group, String consumer, String... ids) {
        byte[][] args = new byte[3 + ids.length][];
        args[0] = Keys.bytes(group);
        args[1] = Keys.bytes(consumer);
        args[2] = Keys.bytes(source.requeue() ? "1" : "0");
        for (int i = 0; i < ids.length; i++) {
            args[3 + i] = Keys.bytes(ids[i]);
        }
        return LuaScript.REQUEUE.run(commands, new byte[][] {source.key(), requeueStream}, args);
    }

    /** @return 1 if the consumer was deleted from the group, 0 if it still holds pending entries */
    static CompletableFuture<Long> release(RedisAsyncCommands<byte[], byte[]> commands, byte[] stream, String group,
            String consumer) {
        return LuaScript.RELEASE_CONSUMER.run(commands, new byte[][] {stream}, Keys.bytes(group), Keys.bytes(consumer));
    }
}
