package io.kincir.redis;

import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Entries a member holds without a handler on them yet (read ahead, or handed out by a plain
 * subscriber and not yet acknowledged), kept from looking abandoned: the claim idle time counts from
 * when an entry was read, so without this a member whose handlers are each quick, but which holds a
 * whole read of them, would see the last ones claimed by another member and handled twice. One
 * {@code keep-held.lua} per stream, all pipelined.
 */
final class HeldEntries {

    private HeldEntries() {
    }

    /**
     * Resets the idle time of those entries still pending with the consumer.
     *
     * @return the {@link Entry#heldKey()} of each entry still pending with it; the others were claimed by
     *     another member after they stayed idle for the claim idle time, or acknowledged
     */
    @SuppressWarnings("unchecked")
    static Set<String> keep(RedisAsyncCommands<byte[], byte[]> commands, Collection<Entry> entries, String group,
            String consumer) throws InterruptedException {
        Map<Source, List<byte[]>> arguments = new LinkedHashMap<>();
        for (Entry entry : entries) {
            arguments.computeIfAbsent(entry.source(), source -> {
                List<byte[]> args = new ArrayList<>();
                args.add(Keys.bytes(group));
                args.add(Keys.bytes(consumer));
                return args;
            }).add(entry.id().getBytes(StandardCharsets.US_ASCII));
        }
        Map<Source, CompletableFuture<List<Object>>> replies = new LinkedHashMap<>();
        arguments.forEach((source, args) -> replies.put(source,
                LuaScript.KEEP_HELD.run(commands, new byte[][] {source.key()}, args.toArray(byte[][]::new))));
        Set<String> kept = new HashSet<>();
        for (Map.Entry<Source, CompletableFuture<List<Object>>> reply : replies.entrySet()) {
            for (Object id : Replies.await(reply.getValue())) {
                kept.add(Entry.heldKey(reply.getKey(), new String((byte[]) id, StandardCharsets.US_ASCII)));
            }
        }
        return kept;
    }
}
