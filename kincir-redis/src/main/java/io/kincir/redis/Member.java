package io.kincir.redis;

import io.kincir.BackendUnavailableException;
import io.kincir.spi.Deadline;
import io.kincir.spi.Expiry;
import io.kincir.spi.Receiver;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One subscriber: a consumer with a unique name in its group on each topic's stream (and, in a named
 * group, on the group's requeue stream of that topic), reading all of them with one blocking
 * {@code XREADGROUP} on a connection of its own, so that its waiting never stalls other commands.
 *
 * <p>What a read returns is pending with this consumer until settled: a plain subscriber acknowledges
 * what it handed out before its next read (and when it closes); an ack subscriber's deliveries are
 * settled on the backend's shared connection, from any thread. Every claim interval it also takes over
 * entries left pending longer than the claim idle time by members that died ({@code XAUTOCLAIM}), and
 * keeps what it holds itself from looking abandoned to the others' claims ({@link HeldEntries}).
 * Closing hands everything held but not settled to the group's requeue streams, where any member reads
 * it next. A private subscriber reads without acknowledgement ({@code NOACK}) in a group of its own,
 * destroyed when it closes.
 *
 * <p>Used by one thread at a time; {@link #close()} and settling may come from any thread.
 */
final class Member implements Receiver<Entry> {

    private static final System.Logger LOG = System.getLogger(Member.class.getName());

    private final RedisBackend backend;
    private final String group;
    private final boolean privateGroup;
    private final boolean ackOnHandOut;
    private final String consumer = "kincir-" + UUID.randomUUID();
    private final Map<String, List<Source>> topics = new LinkedHashMap<>();
    private final Map<ByteBuffer, Source> sources = new HashMap<>();
    private final ConcurrentLinkedDeque<Entry> buffer = new ConcurrentLinkedDeque<>();
    /** What this consumer holds pending, by {@link Entry#heldKey()}, so that a claim does not take it twice. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Set<RedisDelivery> unsettled = ConcurrentHashMap.newKeySet();
    /** Entries a plain subscriber handed out, acknowledged before its next read. */
    private final ConcurrentLinkedQueue<Entry> handedOut = new ConcurrentLinkedQueue<>();
    private XReadArgs.StreamOffset<byte[]>[] offsets;
    private volatile StatefulRedisConnection<byte[], byte[]> connection;
    private CompletableFuture<List<StreamMessage<byte[], byte[]>>> read;
    private long nextClaim;
    /** When what the member holds was last read, claimed or kept: their idle time in Redis counts from then. */
    private long heldSince;
    private volatile boolean closed;

    /**
     * @param group the group, or null for a private group of one
     * @param ackOnHandOut whether an entry is acknowledged once handed out (a plain subscriber)
     */
    Member(RedisBackend backend, String group, boolean ackOnHandOut) {
        this.backend = backend;
        this.privateGroup = group == null;
        this.group = privateGroup ? "kincir-private-" + UUID.randomUUID() : group;
        this.ackOnHandOut = ackOnHandOut;
        this.nextClaim = System.nanoTime() + backend.settings().claimInterval().toNanos();
    }

    @Override
    public void subscribe(String topic) {
        ensureOpen("subscribe to '" + topic + "'");
        if (topics.containsKey(topic)) {
            return;
        }
        List<Source> streams = new ArrayList<>(2);
        streams.add(new Source(topic, backend.keys().stream(topic), false));
        if (!privateGroup) {
            streams.add(new Source(topic, backend.keys().requeue(topic, group), true));
        }
        createGroups(streams, "subscribe " + groupName() + " to topic '" + topic + "'");
        if (connection == null) {
            connection = backend.connect("subscribe " + groupName() + " to topic '" + topic + "'");
            // Named after its consumer, so CLIENT LIST tells which connection reads for which member.
            connection.async().clientSetname(Keys.bytes(consumer));
            if (closed) {
                connection.closeAsync();
            }
        }
        topics.put(topic, streams);
        streams.forEach(source -> sources.put(ByteBuffer.wrap(source.key()), source));
        offsets = offsets();
    }

    @Override
    public Entry next(Duration timeout) throws InterruptedException {
        ensureOpen("receive for " + groupName());
        Deadline deadline = Deadline.after(timeout);
        while (true) {
            ensureOpen("receive for " + groupName());
            Entry entry = buffer.poll();
            if (entry != null) {
                if (keepingDue() && !keepHeld(entry)) {
                    continue;
                }
                if (Expiry.hasExpired(entry.message(), System.currentTimeMillis())) {
                    backend.skipped().expired();
                    handedOut.add(entry);
                    continue;
                }
                if (ackOnHandOut) {
                    handedOut.add(entry);
                }
                return entry;
            }
            long remaining = deadline.remainingNanos();
            if (remaining <= 0) {
                return null;
            }
            try {
                fill(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(remaining),
                        backend.settings().blockTime().toMillis())));
            } catch (RedisException e) {
                throw failure(e);
            }
        }
    }

    /** Settles what a plain subscriber handed out, claims abandoned entries when due, then reads. */
    private void fill(long blockMillis) throws InterruptedException {
        RedisAsyncCommands<byte[], byte[]> commands = connection.async();
        if (read == null) {
            acknowledgeHandedOut(commands);
            if (!privateGroup && System.nanoTime() - nextClaim >= 0) {
                nextClaim = System.nanoTime() + backend.settings().claimInterval().toNanos();
                if (claim(commands) > 0) {
                    return;
                }
            }
            XReadArgs args = new XReadArgs().count(backend.settings().readCount()).block(blockMillis);
            read = commands.xreadgroup(Consumer.from(Keys.bytes(group), Keys.bytes(consumer)), args.noack(privateGroup),
                    offsets).toCompletableFuture();
        }
        List<StreamMessage<byte[], byte[]>> messages;
        try {
            // The read ends by itself after blockMillis; the margin covers the round trip.
            messages = Replies.await(read, blockMillis + backend.commandTimeout().toMillis());
        } catch (TimeoutException e) {
            return;
        } catch (RuntimeException e) {
            read = null;
            if (Replies.isError(e, "NOGROUP")) {
                // The stream or group was deleted from outside: create them again and read on.
                LOG.log(Level.WARNING, "A stream of " + groupName() + " or its group was deleted; created again: "
                        + Replies.reason(e));
                topics.values().forEach(streams -> createGroups(streams, "subscribe " + groupName() + " again"));
                return;
            }
            throw e;
        }
        read = null;
        heldSince = System.nanoTime();
        for (StreamMessage<byte[], byte[]> message : messages) {
            Source source = sources.get(ByteBuffer.wrap(message.getStream()));
            if (source != null && message.getBody() != null) {
                hold(new Entry(source, message.getId(),
                        EntryCodec.message(message.getBody(), source.topic(), message.getId())));
            }
        }
    }

    /**
     * @return whether what the member holds has been idle in Redis for half the claim idle time: it is
     *     kept then, before the other members' claims would take it
     */
    private boolean keepingDue() {
        return !privateGroup && System.nanoTime() - heldSince >= backend.settings().claimIdleTime().toNanos() / 2;
    }

    /**
     * Resets the idle time of what the member holds without a handler on it (see {@link HeldEntries}),
     * and lets go of what another member claimed meanwhile, since that member handles it.
     *
     * @param next the entry about to be handed out
     * @return whether it is still this member's to hand out
     */
    private boolean keepHeld(Entry next) throws InterruptedException {
        List<Entry> holding = new ArrayList<>(buffer.size() + handedOut.size() + 1);
        holding.add(next);
        holding.addAll(buffer);
        holding.addAll(handedOut);
        Set<String> kept;
        try {
            kept = HeldEntries.keep(connection.async(), holding, group, consumer);
        } catch (RedisException e) {
            buffer.addFirst(next);
            throw failure(e);
        } catch (InterruptedException e) {
            buffer.addFirst(next);
            throw e;
        }
        heldSince = System.nanoTime();
        List<Entry> claimedByOthers = holding.stream().filter(entry -> !kept.contains(entry.heldKey())).toList();
        if (!claimedByOthers.isEmpty()) {
            buffer.removeAll(claimedByOthers);
            handedOut.removeAll(claimedByOthers);
            claimedByOthers.forEach(entry -> held.remove(entry.heldKey()));
            LOG.log(Level.WARNING, claimedByOthers.size() + " entries " + groupName() + " held were claimed by another "
                    + "member after a handler of this one took longer than half the claim idle time ("
                    + backend.settings().claimIdleTime() + "); that member handles them");
        }
        return kept.contains(next.heldKey());
    }

    /** @return how many entries were taken over from other consumers of the group */
    private int claim(RedisAsyncCommands<byte[], byte[]> commands) throws InterruptedException {
        int claimed = 0;
        for (Entry entry : AbandonedEntries.claim(commands, sources.values(), group, consumer, backend)) {
            // An entry this member holds itself, idle because the application is slow, is not taken twice.
            if (!held.contains(entry.heldKey())) {
                hold(entry);
                claimed++;
            }
        }
        if (claimed > 0) {
            heldSince = System.nanoTime();
        }
        return claimed;
    }

    private void hold(Entry entry) {
        held.add(entry.heldKey());
        buffer.add(entry);
    }

    private void acknowledgeHandedOut(RedisAsyncCommands<byte[], byte[]> commands) throws InterruptedException {
        if (handedOut.isEmpty()) {
            return;
        }
        List<Entry> settled = drain(handedOut);
        if (!privateGroup) {
            Replies.await(CompletableFuture.allOf(bySource(settled).entrySet().stream()
                    .map(ids -> GroupCommands.ack(commands, ids.getKey(), group, ids.getValue()))
                    .toArray(CompletableFuture[]::new)));
        }
        settled.forEach(entry -> held.remove(entry.heldKey()));
    }

    /** Acknowledges (or, with {@code nack(false)}, drops) a delivery, from any thread. */
    void acknowledge(RedisDelivery delivery, String action) {
        settle(delivery, action, GroupCommands.ack(backend.shared(action), delivery.entry().source(), group,
                delivery.entry().id()));
    }

    /** Hands a delivery back to the group: any member reads it next from the requeue stream. */
    void requeue(RedisDelivery delivery, String action) {
        Entry entry = delivery.entry();
        CompletableFuture<Long> gone = GroupCommands.requeue(backend.shared(action), entry.source(),
                backend.keys().requeue(entry.source().topic(), group), group, consumer, entry.id());
        settle(delivery, action, gone.thenAccept(backend.skipped()::trimmed));
    }

    private void settle(RedisDelivery delivery, String action, CompletableFuture<?> reply) {
        try {
            Replies.awaitUninterruptibly(reply);
        } catch (RuntimeException e) {
            throw backend.explain(new BackendUnavailableException("Cannot " + action + " message "
                    + delivery.message().uuid() + " of " + groupName() + " on Redis at " + backend.server() + ": "
                    + Replies.reason(e) + ". It stays pending, and another member takes it after "
                    + backend.settings().claimIdleTime(), e), action);
        }
        unsettled.remove(delivery);
        held.remove(delivery.entry().heldKey());
    }

    /** Called as an ack subscriber hands out a delivery, so that closing can give it back. */
    RedisDelivery deliver(Entry entry) {
        RedisDelivery delivery = new RedisDelivery(this, entry);
        unsettled.add(delivery);
        return delivery;
    }

    private void createGroups(List<Source> streams, String action) {
        RedisAsyncCommands<byte[], byte[]> commands = backend.shared(action);
        try {
            Replies.awaitUninterruptibly(CompletableFuture.allOf(streams.stream()
                    .map(source -> GroupCommands.create(commands, source, group)).toArray(CompletableFuture[]::new)));
        } catch (RuntimeException e) {
            throw backend.explain(new BackendUnavailableException("Cannot " + action + " on Redis at " + backend.server()
                    + ": " + Replies.reason(e), e), action);
        }
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Hands back what it holds: acknowledges what a plain subscriber handed out, moves what is unsettled
     * or not yet handed out to the requeue streams, then deletes its consumer name (only if nothing is
     * pending with it any more) or, for a private subscriber, its whole group. Idempotent; may be called
     * from another thread (the backend closing), in which case a read under way is cut short, and an
     * entry it had just taken stays pending until another member claims it.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        backend.forget(this);
        StatefulRedisConnection<byte[], byte[]> own = connection;
        if (own != null) {
            own.closeAsync();
        }
        if (topics.isEmpty()) {
            return;
        }
        try {
            RedisAsyncCommands<byte[], byte[]> commands = backend.sharedWhileClosing();
            if (commands == null) {
                throw new BackendUnavailableException("the connection is closed");
            }
            if (privateGroup) {
                Replies.awaitUninterruptibly(CompletableFuture.allOf(sources.values().stream()
                        .map(source -> commands.xgroupDestroy(source.key(), Keys.bytes(group)).toCompletableFuture())
                        .toArray(CompletableFuture[]::new)));
                return;
            }
            handBack(commands);
            for (Source source : sources.values()) {
                Replies.awaitUninterruptibly(GroupCommands.release(commands, source.key(), group, consumer));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Closing " + groupName() + " could not hand its entries back to Redis at "
                    + backend.server() + " (" + Replies.reason(e) + "); they stay pending and another member takes "
                    + "them after " + backend.settings().claimIdleTime());
        }
    }

    private void handBack(RedisAsyncCommands<byte[], byte[]> commands) {
        List<Entry> acknowledged = drain(handedOut);
        List<Entry> returned = new ArrayList<>();
        for (RedisDelivery delivery : unsettled) {
            if (delivery.giveBack()) {
                returned.add(delivery.entry());
            }
        }
        unsettled.clear();
        returned.addAll(drain(buffer));
        List<CompletableFuture<?>> replies = new ArrayList<>();
        bySource(acknowledged).forEach((source, ids) -> replies.add(GroupCommands.ack(commands, source, group, ids)));
        bySource(returned).forEach((source, ids) -> replies.add(GroupCommands.requeue(commands, source,
                backend.keys().requeue(source.topic(), group), group, consumer, ids).thenAccept(backend.skipped()::trimmed)));
        Replies.awaitUninterruptibly(CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)));
        held.clear();
    }

    private static List<Entry> drain(java.util.Queue<Entry> queue) {
        List<Entry> drained = new ArrayList<>();
        for (Entry entry; (entry = queue.poll()) != null; ) {
            drained.add(entry);
        }
        return drained;
    }

    private static Map<Source, String[]> bySource(List<Entry> entries) {
        Map<Source, List<String>> ids = new LinkedHashMap<>();
        for (Entry entry : entries) {
            ids.computeIfAbsent(entry.source(), source -> new ArrayList<>()).add(entry.id());
        }
        Map<Source, String[]> arrays = new LinkedHashMap<>();
        ids.forEach((source, list) -> arrays.put(source, list.toArray(String[]::new)));
        return arrays;
    }

    @SuppressWarnings("unchecked")
    private XReadArgs.StreamOffset<byte[]>[] offsets() {
        return sources.values().stream().map(source -> XReadArgs.StreamOffset.lastConsumed(source.key()))
                .toArray(XReadArgs.StreamOffset[]::new);
    }

    /** @return the topics' streams and requeue streams this member reads */
    List<Source> sources() {
        return List.copyOf(sources.values());
    }

    String group() {
        return group;
    }

    boolean isPrivate() {
        return privateGroup;
    }

    String consumer() {
        return consumer;
    }

    String groupName() {
        return privateGroup ? "a private subscriber" : "group '" + group + "'";
    }

    private RuntimeException failure(RedisException e) {
        if (backend.isClosed()) {
            return backend.closedError("receive for " + groupName(), e);
        }
        if (closed) {
            return new IllegalStateException("This subscriber was closed while it received; create a new one", e);
        }
        return new BackendUnavailableException("Cannot read from Redis at " + backend.server() + " for " + groupName()
                + ": " + Replies.reason(e) + ". Receive again to retry", e);
    }

    private void ensureOpen(String action) {
        if (closed) {
            if (backend.isClosed()) {
                throw backend.closedError(action);
            }
            throw new IllegalStateException("This subscriber is closed; create a new one");
        }
    }

    @Override
    public String toString() {
        return "RedisMember[" + groupName() + ", consumer " + consumer + ", topics " + topics.keySet() + "]";
    }
}
