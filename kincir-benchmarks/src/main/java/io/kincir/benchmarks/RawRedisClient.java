package io.kincir.benchmarks;

import io.kincir.Message;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Lettuce as an application would use it by hand, sending the commands Kincir's Redis backend sends:
 * a batch is one {@code XADD} per message with the same fields (uuid, payload, publish time; no
 * {@code MAXLEN}), all sent on one connection before the replies are awaited; a member of a consumer
 * group reads with {@code XREADGROUP ... COUNT 100 BLOCK 1000 STREAMS <stream> >} on a connection of
 * its own and, as Kincir's plain subscriber does, acknowledges what it handed out with one
 * {@code XACK} before its next read and when it leaves.
 *
 * <p>Kincir's member also reads its group's requeue stream in the same command, and decodes each entry
 * into a {@link Message}; this client reads the payload field alone.
 */
final class RawRedisClient implements BrokerClient {

    private static final byte[] UUID_FIELD = bytes("uuid");
    private static final byte[] PAYLOAD_FIELD = bytes("payload");
    private static final byte[] PUBLISHED_AT_FIELD = bytes("published_at");

    private final RedisClient client;
    private final byte[] stream;
    private final byte[] group;
    private final XReadArgs read;
    private final StatefulRedisConnection<byte[], byte[]> publishing;
    private StatefulRedisConnection<byte[], byte[]> consuming;
    private Consumer<byte[]> consumer;
    // Entries of a read beyond the count a receive asked for: the next receive takes them first.
    private final ArrayDeque<StreamMessage<byte[], byte[]>> leftOver = new ArrayDeque<>();
    private final List<String> handedOut = new ArrayList<>();

    /** Creates the group ({@code MKSTREAM}, after the stream's last entry, as Kincir does) and joins once. */
    RawRedisClient(String stream, String group, int readCount, Duration blockTime) {
        this.client = RedisClient.create(Brokers.redisUri());
        this.stream = bytes(stream);
        this.group = bytes(group);
        this.read = XReadArgs.Builder.count(readCount).block(blockTime);
        this.publishing = client.connect(ByteArrayCodec.INSTANCE);
        try {
            publishing.sync().xgroupCreate(XReadArgs.StreamOffset.latest(this.stream), this.group,
                    XGroupCreateArgs.Builder.mkstream());
        } catch (RedisBusyException alreadyThere) {
            // The group keeps its position.
        }
        join();
    }

    @Override
    public void publish(List<Message> batch) throws Exception {
        RedisAsyncCommands<byte[], byte[]> commands = publishing.async();
        byte[] publishedAt = bytes(Long.toString(System.currentTimeMillis()));
        List<RedisFuture<String>> replies = new ArrayList<>(batch.size());
        for (Message message : batch) {
            replies.add(commands.xadd(stream, UUID_FIELD, bytes(message.uuid()), PAYLOAD_FIELD, message.payload(),
                    PUBLISHED_AT_FIELD, publishedAt));
        }
        for (RedisFuture<String> reply : replies) {
            reply.get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void join() {
        if (consuming == null) {
            consuming = client.connect(ByteArrayCodec.INSTANCE);
            consumer = Consumer.from(group, bytes("raw-" + UUID.randomUUID()));
        }
    }

    @Override
    public long receive(int count) {
        RedisCommands<byte[], byte[]> commands = consuming.sync();
        long bytes = 0;
        int received = 0;
        while (received < count) {
            StreamMessage<byte[], byte[]> entry = leftOver.poll();
            if (entry == null) {
                acknowledgeHandedOut(commands);
                leftOver.addAll(commands.xreadgroup(consumer, read, XReadArgs.StreamOffset.lastConsumed(stream)));
                continue;
            }
            handedOut.add(entry.getId());
            Map<byte[], byte[]> body = entry.getBody();
            for (Map.Entry<byte[], byte[]> field : body.entrySet()) {
                if (Arrays.equals(field.getKey(), PAYLOAD_FIELD)) {
                    bytes += field.getValue().length;
                }
            }
            received++;
        }
        return bytes;
    }

    private void acknowledgeHandedOut(RedisCommands<byte[], byte[]> commands) {
        if (!handedOut.isEmpty()) {
            commands.xack(stream, group, handedOut.toArray(String[]::new));
            handedOut.clear();
        }
    }

    /** Acknowledges what it handed out and deletes its consumer name, as Kincir's subscriber does on close. */
    @Override
    public void leave() {
        if (consuming == null) {
            return;
        }
        if (!leftOver.isEmpty()) {
            throw new IllegalStateException(leftOver.size() + " entries read but not received; receive them first");
        }
        RedisCommands<byte[], byte[]> commands = consuming.sync();
        acknowledgeHandedOut(commands);
        commands.xgroupDelconsumer(stream, consumer);
        consuming.close();
        consuming = null;
    }

    /** Empties the stream, keeping the group: a stream keeps every entry, read or not. */
    @Override
    public void purge() {
        publishing.sync().xtrim(stream, 0);
    }

    /** Leaves, and deletes the stream with its group. */
    @Override
    public void close() {
        try {
            leave();
            publishing.sync().del(stream);
        } finally {
            publishing.close();
            client.shutdown();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
