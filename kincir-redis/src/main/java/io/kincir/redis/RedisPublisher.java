package io.kincir.redis;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.PublishException;
import io.kincir.Publisher;
import io.kincir.spi.MetadataLimits;
import io.kincir.spi.Names;
import io.kincir.spi.OptionalKeys;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Adds a batch to the topic's stream with one {@code XADD} per message, all sent on the shared
 * connection without waiting for one another (pipelined), then waits for every reply. A message with a
 * {@code _delay} is parked by a script instead (see {@code delay.lua}). Thread-safe.
 */
final class RedisPublisher implements Publisher {

    private final RedisBackend backend;

    RedisPublisher(RedisBackend backend) {
        this.backend = backend;
    }

    @Override
    public void publish(String topic, List<Message> messages) {
        String action = "publish to '" + Names.requireTopic(topic) + "'";
        backend.ensureOpen(action);
        Objects.requireNonNull(messages, "messages");
        if (messages.isEmpty()) {
            return;
        }
        OptionalKeys.require("Redis", backend.features(), topic, messages);
        long[] delays = delaysInMillis(topic, messages);
        RedisAsyncCommands<byte[], byte[]> commands = backend.shared(action);
        Keys keys = backend.keys();
        byte[] stream = keys.stream(topic);
        XAddArgs trimming = backend.settings().maxLength() > 0
                ? new XAddArgs().maxlen(backend.settings().maxLength()).approximateTrimming() : null;
        long publishedAt = System.currentTimeMillis();
        CompletableFuture<?>[] replies = new CompletableFuture<?>[messages.size()];
        try {
            boolean delayed = false;
            for (int i = 0; i < replies.length; i++) {
                byte[][] fields = EntryCodec.fields(messages.get(i), publishedAt);
                if (delays[i] > 0) {
                    replies[i] = park(commands, keys, topic, delays[i], fields);
                    delayed = true;
                } else {
                    replies[i] = (trimming == null ? commands.xadd(stream, (Object[]) fields)
                            : commands.xadd(stream, trimming, (Object[]) fields)).toCompletableFuture();
                }
            }
            if (delayed) {
                backend.moveDelayedMessages();
            }
            Replies.await(CompletableFuture.allOf(replies));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException(topic, "Interrupted while waiting for Redis to add " + messages.size()
                    + " message(s) to topic '" + topic + "'; some of them may have been added", e);
        } catch (RuntimeException e) {
            throw backend.explain(new PublishException(topic, "Cannot publish " + messages.size() + " message(s) to "
                    + "topic '" + topic + "' on Redis at " + backend.server() + ": " + Replies.reason(e)
                    + ". Some of them may have been added", e), action);
        }
    }

    private static CompletableFuture<Long> park(RedisAsyncCommands<byte[], byte[]> commands, Keys keys, String topic,
            long delayMillis, byte[][] fields) {
        String id = UUID.randomUUID().toString();
        byte[][] args = new byte[3 + fields.length][];
        args[0] = Keys.bytes(topic);
        args[1] = Keys.bytes(id);
        args[2] = Keys.bytes(Long.toString(delayMillis));
        System.arraycopy(fields, 0, args, 3, fields.length);
        return LuaScript.DELAY.run(commands, new byte[][] {keys.delays(), keys.delayed(topic),
                keys.delayedMessage(topic, id)}, args);
    }

    /**
     * Reads every message's {@code _delay} (and checks its {@code _ttl} and the size of its metadata)
     * before anything is sent.
     */
    private static long[] delaysInMillis(String topic, List<Message> messages) {
        long[] delays = new long[messages.size()];
        for (int i = 0; i < delays.length; i++) {
            Message message = Objects.requireNonNull(messages.get(i), "message");
            MetadataLimits.require(topic, message, i, delays.length);
            MetadataKeys.duration(message, MetadataKeys.TTL);
            Duration delay = MetadataKeys.duration(message, MetadataKeys.DELAY).orElse(Duration.ZERO);
            // Rounded up, so a message never arrives before its delay.
            delays[i] = delay.isZero() ? 0 : Math.max(1, delay.plusNanos(999_999).toMillis());
        }
        return delays;
    }

    @Override
    public String toString() {
        return "RedisPublisher[" + backend.server() + "]";
    }
}
