package io.kincir;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A message: an identifier, a payload of bytes and string metadata.
 *
 * <p>Messages are immutable and safe to share between threads; backends and the in-memory broker
 * pass the same instance to every receiver without copying it. For that reason the payload array is
 * <em>not</em> copied: callers must not mutate an array after handing it to {@link #of(byte[])}, nor
 * the array returned by {@link #payload()}.
 *
 * <p>Keys starting with {@code _} and the keys listed in {@link MetadataKeys} are reserved for
 * Kincir.
 */
public final class Message {

    /** Metadata of fewer entries than this is kept in an immutable map of {@link Map#ofEntries}. */
    private static final int COMPACT_ENTRIES = 8;

    private final String uuid;
    private final byte[] payload;
    private final Map<String, String> metadata;

    private Message(String uuid, byte[] payload, Map<String, String> metadata) {
        this.uuid = uuid;
        this.payload = payload;
        this.metadata = metadata;
    }

    /**
     * A message with a random UUID and no metadata.
     *
     * @param payload the payload, not copied
     * @return the message
     */
    public static Message of(byte[] payload) {
        return new Message(randomUuid(), Objects.requireNonNull(payload, "payload"), Map.of());
    }

    /**
     * A message whose payload is the UTF-8 encoding of {@code utf8Payload}.
     *
     * @param utf8Payload the payload text
     * @return the message
     */
    public static Message of(String utf8Payload) {
        Objects.requireNonNull(utf8Payload, "payload");
        return of(utf8Payload.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A message with every part given, as a backend rebuilds it from the wire.
     *
     * @param uuid the identifier, not blank
     * @param payload the payload, not copied
     * @param metadata the metadata, copied; no null keys or values
     * @return the message
     */
    public static Message of(String uuid, byte[] payload, Map<String, String> metadata) {
        Objects.requireNonNull(uuid, "uuid");
        if (uuid.isBlank()) {
            throw new IllegalArgumentException("A message uuid must not be blank");
        }
        return new Message(uuid, Objects.requireNonNull(payload, "payload"), copyOf(metadata));
    }

    /** @return the identifier: a random UUID unless one was given */
    public String uuid() {
        return uuid;
    }

    /** @return the payload; the array is shared, do not mutate it */
    public byte[] payload() {
        return payload;
    }

    /** @return the payload decoded as UTF-8 */
    public String payloadAsString() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** @return the metadata, unmodifiable */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * @param key a metadata key
     * @return its value, if the message has one
     */
    public Optional<String> metadata(String key) {
        return Optional.ofNullable(metadata.get(key));
    }

    /**
     * A copy of this message, with the same uuid and payload, with one metadata entry added or
     * replaced.
     *
     * @param key the key
     * @param value the value
     * @return the new message
     */
    public Message withMetadata(String key, String value) {
        Objects.requireNonNull(key, "metadata key");
        Objects.requireNonNull(value, () -> "value of metadata '" + key + "'");
        if (metadata.isEmpty()) {
            return new Message(uuid, payload, Map.of(key, value));
        }
        if (!(metadata instanceof MetadataOverlay) && !metadata.containsKey(key)) {
            // A new key over metadata that is immutable already needs no copy of it: what a listener's
            // _attempt or an ordered topic's _sequence costs every message. Never an overlay over an
            // overlay, so that a lookup asks at most one added key before the base.
            return new Message(uuid, payload, new MetadataOverlay(metadata, key, value));
        }
        int size = metadata.size();
        if (size < COMPACT_ENTRIES) {
            // A few entries, as most messages carry, go into a compact immutable map: a hash map's
            // table, nodes and wrapper cost several times as much, on every message a listener or an
            // ordered topic stamps.
            @SuppressWarnings("unchecked")
            Map.Entry<String, String>[] entries = new Map.Entry[size + 1];
            int count = 0;
            for (Map.Entry<String, String> entry : metadata.entrySet()) {
                if (!entry.getKey().equals(key)) {
                    entries[count++] = entry;
                }
            }
            entries[count++] = Map.entry(key, value);
            return new Message(uuid, payload, Map.ofEntries(count == entries.length ? entries : Arrays.copyOf(entries, count)));
        }
        Map<String, String> copy = new HashMap<>(metadata);
        copy.put(key, value);
        return new Message(uuid, payload, Collections.unmodifiableMap(copy));
    }

    /**
     * A copy of this message, with the same uuid and payload, with several metadata entries added
     * or replaced.
     *
     * @param entries the entries to add
     * @return the new message
     */
    public Message withMetadata(Map<String, String> entries) {
        if (entries.isEmpty()) {
            return this;
        }
        Map<String, String> copy = new HashMap<>(metadata);
        copy.putAll(entries);
        return new Message(uuid, payload, copyOf(copy));
    }

    /**
     * A copy of this message, with the same uuid and payload, without one metadata entry.
     *
     * @param key the key to remove
     * @return the new message, or this one if it has no such key
     */
    public Message withoutMetadata(String key) {
        if (!metadata.containsKey(key)) {
            return this;
        }
        Map<String, String> copy = new HashMap<>(metadata);
        copy.remove(key);
        return new Message(uuid, payload, Collections.unmodifiableMap(copy));
    }

    private static Map<String, String> copyOf(Map<String, String> metadata) {
        Objects.requireNonNull(metadata, "metadata");
        if (metadata.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new HashMap<>(metadata.size() * 4 / 3 + 1);
        metadata.forEach((key, value) -> {
            Objects.requireNonNull(key, "metadata key");
            Objects.requireNonNull(value, () -> "value of metadata '" + key + "'");
            copy.put(key, value);
        });
        return Collections.unmodifiableMap(copy);
    }

    // A version-4 UUID from ThreadLocalRandom: UUID.randomUUID() draws on SecureRandom, which costs
    // more than the rest of an in-memory publish. Message ids need uniqueness, not secrecy.
    private static String randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        return other instanceof Message that
                && uuid.equals(that.uuid)
                && Arrays.equals(payload, that.payload)
                && metadata.equals(that.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uuid, Arrays.hashCode(payload), metadata);
    }

    @Override
    public String toString() {
        return "Message[uuid=" + uuid + ", payload=" + payload.length + " bytes, metadata=" + metadata + "]";
    }
}
