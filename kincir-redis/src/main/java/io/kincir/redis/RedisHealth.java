package io.kincir.redis;

import io.kincir.AuthenticationFailedException;
import io.kincir.BackendHealth;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Up with the server's version, its memory use and the pending entries of the groups this backend's
 * members read (after a {@code PING}); down with the reason otherwise.
 */
final class RedisHealth {

    private static final long TIMEOUT_MILLIS = 5_000;

    private RedisHealth() {
    }

    static BackendHealth check(RedisBackend backend) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("backend", "redis");
        details.put("server", backend.server());
        if (backend.isClosed()) {
            return BackendHealth.down("The Redis backend was closed", details);
        }
        try {
            RedisAsyncCommands<byte[], byte[]> commands = backend.shared("check health");
            Replies.await(commands.ping(), TIMEOUT_MILLIS);
            details.put("version", infoField(Replies.await(commands.info("server"), TIMEOUT_MILLIS), "redis_version"));
            details.put("usedMemory", infoField(Replies.await(commands.info("memory"), TIMEOUT_MILLIS),
                    "used_memory_human"));
            details.put("subscribers", backend.members().size());
            details.put("pending", pending(backend, commands));
            details.put("expired", backend.skipped().expiredCount());
            details.put("trimmed", backend.skipped().trimmedCount());
            return BackendHealth.up(details);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return BackendHealth.down("Interrupted while checking Redis at " + backend.server(), details);
        } catch (AuthenticationFailedException e) {
            return BackendHealth.down(e.getMessage(), details);
        } catch (Exception e) {
            return BackendHealth.down("Cannot reach Redis at " + backend.server() + ": " + Replies.reason(e)
                    + ". Check that the server runs and that spring.data.redis.* (or the builder's URI) points at it",
                    details);
        }
    }

    /** @return pending entries per {@code topic/group}, its stream's and its requeue stream's together */
    private static Map<String, Long> pending(RedisBackend backend, RedisAsyncCommands<byte[], byte[]> commands)
            throws Exception {
        Map<String, Long> pending = new LinkedHashMap<>();
        Set<String> counted = new HashSet<>();
        for (Member member : backend.members()) {
            if (member.isPrivate()) {
                continue;
            }
            for (Source source : member.sources()) {
                if (!counted.add(source.keyText() + " " + member.group())) {
                    continue;
                }
                long count = Replies.await(commands.xpending(source.key(), Keys.bytes(member.group())), TIMEOUT_MILLIS)
                        .getCount();
                pending.merge(source.topic() + "/" + member.group(), count, Long::sum);
            }
        }
        return pending;
    }

    private static String infoField(String info, String field) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        return "unknown";
    }
}
