package io.kincir.redis;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deletes consumer names left behind in the groups this backend's members read: those idle longer
 * than the idle consumer timeout that hold no pending entry (a dead member's entries are claimed first,
 * then its name goes). A name that still holds entries is never deleted, since {@code XGROUP
 * DELCONSUMER} would drop them (see {@code release-consumer.lua}). Runs on the backend's maintenance
 * thread every claim interval.
 */
final class IdleConsumerSweep implements Runnable {

    private static final System.Logger LOG = System.getLogger(IdleConsumerSweep.class.getName());

    private final RedisBackend backend;

    IdleConsumerSweep(RedisBackend backend) {
        this.backend = backend;
    }

    @Override
    public void run() {
        if (backend.isClosed()) {
            return;
        }
        Set<String> live = new HashSet<>();
        Map<String, Source> streams = new HashMap<>();
        Map<String, String> groups = new HashMap<>();
        for (Member member : backend.members()) {
            live.add(member.consumer());
            if (!member.isPrivate()) {
                for (Source source : member.sources()) {
                    streams.put(source.keyText() + " " + member.group(), source);
                    groups.put(source.keyText() + " " + member.group(), member.group());
                }
            }
        }
        try {
            for (Map.Entry<String, Source> stream : streams.entrySet()) {
                sweep(stream.getValue(), groups.get(stream.getKey()), live);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!backend.isClosed()) {
                LOG.log(Level.DEBUG, "Cannot look for idle consumers on Redis at " + backend.server() + ": "
                        + Replies.reason(e));
            }
        }
    }

    /** @return how many consumer names were deleted */
    int sweep(Source source, String group, Set<String> live) throws InterruptedException {
        var commands = backend.shared("delete idle consumers");
        List<Object> consumers = Replies.await(commands.xinfoConsumers(source.key(), Keys.bytes(group)));
        long timeout = backend.settings().idleConsumerTimeout().toMillis();
        int deleted = 0;
        for (Object each : consumers) {
            Map<String, Object> consumer = fields((List<?>) each);
            String name = String.valueOf(consumer.get("name"));
            if (!live.contains(name) && number(consumer.get("pending")) == 0 && number(consumer.get("idle")) >= timeout) {
                deleted += Replies.await(GroupCommands.release(commands, source.key(), group, name)).intValue();
            }
        }
        return deleted;
    }

    private static Map<String, Object> fields(List<?> flat) {
        Map<String, Object> fields = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            fields.put(text(flat.get(i)), flat.get(i + 1) instanceof byte[] bytes ? text(bytes) : flat.get(i + 1));
        }
        return fields;
    }

    private static long number(Object value) {
        return value instanceof Number number ? number.longValue() : Long.parseLong(String.valueOf(value));
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }
}
