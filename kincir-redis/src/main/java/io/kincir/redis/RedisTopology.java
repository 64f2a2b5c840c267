package io.kincir.redis;

import io.kincir.BackendUnavailableException;
import io.kincir.KincirException;
import io.kincir.Topology;
import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Reads the topics' streams under the backend's key prefix ({@code <prefix>{<topic>}}, found with
 * {@code SCAN … TYPE stream}, so any backend's with the same prefix) and their consumer groups
 * ({@code XINFO GROUPS}) for {@link RedisBackend#brokerTopology()}: one {@code SCAN} per thousand keys, then
 * two commands per stream. A topic's depth is its stream's length; a group's pending count is the
 * entries it has yet to read ({@code lag}) plus those read and not yet acknowledged, or null where
 * Redis cannot tell the lag (after the stream was trimmed, or before Redis 7). A private subscriber's
 * group shows as {@code kincir-private-<uuid>}; a group's requeued entries, in a stream of their own,
 * are not counted.
 */
final class RedisTopology {

    private static final int SCAN_BATCH = 1000;

    private RedisTopology() {
    }

    static Topology read(RedisBackend backend) {
        long timeout = backend.commandTimeout().toMillis();
        String prefix = backend.keys().prefix();
        try {
            RedisAsyncCommands<byte[], byte[]> commands = backend.shared("read the topology");
            KeyScanArgs streams = KeyScanArgs.Builder.matches(escapeGlob(prefix) + "{*}").type("stream")
                    .limit(SCAN_BATCH);
            List<Topology.Topic> topics = new ArrayList<>();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<byte[]> page = Replies.await(commands.scan(cursor, streams), timeout);
                for (byte[] key : page.getKeys()) {
                    String name = new String(key, StandardCharsets.UTF_8);
                    String topic = name.substring(prefix.length() + 1, name.length() - 1);
                    long length = Replies.await(commands.xlen(key), timeout);
                    topics.add(new Topology.Topic(topic, length, groups(Replies.await(commands.xinfoGroups(key),
                            timeout))));
                }
                cursor = page;
            } while (!cursor.isFinished());
            return Topology.of("Redis: the streams under the key prefix '" + prefix + "' and their groups", topics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KincirException("Interrupted while reading the Redis streams under '" + prefix + "'", e);
        } catch (TimeoutException e) {
            throw new BackendUnavailableException("Redis at " + backend.server() + " did not answer within "
                    + backend.commandTimeout() + " while the topology was read", e);
        } catch (KincirException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KincirException("Could not read the Redis streams under '" + prefix + "' at " + backend.server()
                    + ": " + Replies.reason(e), e);
        }
    }

    /** @return the groups of one {@code XINFO GROUPS} reply: a list of field-value lists per group */
    private static List<Topology.Group> groups(List<Object> reply) {
        List<Topology.Group> groups = new ArrayList<>();
        for (Object group : reply) {
            List<?> fields = (List<?>) group;
            String name = null;
            Long pending = null;
            Long lag = null;
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                String field = text(fields.get(i));
                Object value = fields.get(i + 1);
                switch (field) {
                    case "name" -> name = text(value);
                    case "pending" -> pending = (Long) value;
                    case "lag" -> lag = value instanceof Long known ? known : null;
                    default -> {
                    }
                }
            }
            if (name != null) {
                groups.add(new Topology.Group(name, pending == null || lag == null ? null : pending + lag));
            }
        }
        return groups;
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }

    /** @return the prefix with the characters SCAN's glob pattern treats specially escaped */
    private static String escapeGlob(String prefix) {
        return prefix.replaceAll("([\\\\*?\\[\\]{}^-])", "\\\\$1");
    }
}
