package io.kincir.redis;

import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Entries left pending longer than the claim idle time, by members that died or stalled, taken over
 * for a member with one {@code claim.lua} per stream, all pipelined. Entries trimmed away meanwhile
 * are counted as trimmed, not delivered.
 */
final class AbandonedEntries {

    private AbandonedEntries() {
    }

    /** @return the entries now pending with the consumer, including any it held already */
    @SuppressWarnings("unchecked")
    static List<Entry> claim(RedisAsyncCommands<byte[], byte[]> commands, Collection<Source> sources, String group,
            String consumer, RedisBackend backend) throws InterruptedException {
        byte[][] args = {Keys.bytes(group), Keys.bytes(consumer),
                Keys.bytes(Long.toString(backend.settings().claimIdleTime().toMillis())),
                Keys.bytes(Integer.toString(backend.settings().readCount()))};
        Map<Source, CompletableFuture<List<Object>>> replies = new LinkedHashMap<>();
        for (Source source : sources) {
            replies.put(source, LuaScript.CLAIM.run(commands, new byte[][] {source.key()}, args));
        }
        List<Entry> claimed = new ArrayList<>();
        for (Map.Entry<Source, CompletableFuture<List<Object>>> reply : replies.entrySet()) {
            List<Object> result;
            try {
                result = Replies.await(reply.getValue());
            } catch (RuntimeException e) {
                if (Replies.isError(e, "NOGROUP")) {
                    // Deleted from outside; the next read creates it again.
                    continue;
                }
                throw e;
            }
            backend.skipped().trimmed((Long) result.get(0));
            for (Object each : (List<Object>) result.get(1)) {
                List<Object> entry = (List<Object>) each;
                String id = new String((byte[]) entry.get(0), StandardCharsets.US_ASCII);
                claimed.add(new Entry(reply.getKey(), id,
                        EntryCodec.message(EntryCodec.body((List<Object>) entry.get(1)), reply.getKey().topic(), id)));
            }
        }
        return claimed;
    }
}
