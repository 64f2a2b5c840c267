package io.kincir;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An immutable map of an immutable base map and one more entry, whose key the base does not hold: what
 * {@link Message#withMetadata(String, String)} gives a message, so that stamping one key on every
 * message (a listener's {@code _attempt}, an ordered topic's {@code _sequence}) does not copy the
 * base's entries into a new map each time. Lookups ask the added key first, then the base. Iteration
 * gives the base's entries in the base's order, then the added entry. Equality and hash code are
 * those of {@link Map}, so an overlay equals any map of the same entries.
 */
final class MetadataOverlay extends AbstractMap<String, String> {

    private final Map<String, String> base;
    private final String key;
    private final String value;

    /**
     * @param base the entries underneath; immutable, and without {@code key}
     * @param key the added key, not null
     * @param value its value, not null
     */
    MetadataOverlay(Map<String, String> base, String key, String value) {
        this.base = base;
        this.key = key;
        this.value = value;
    }

    @Override
    public int size() {
        return base.size() + 1;
    }

    @Override
    public boolean isEmpty() {
        return false;
    }

    @Override
    public String get(Object candidate) {
        return key.equals(candidate) ? value : base.get(candidate);
    }

    @Override
    public String getOrDefault(Object candidate, String fallback) {
        return key.equals(candidate) ? value : base.getOrDefault(candidate, fallback);
    }

    @Override
    public boolean containsKey(Object candidate) {
        return key.equals(candidate) || base.containsKey(candidate);
    }

    @Override
    public boolean containsValue(Object candidate) {
        return value.equals(candidate) || base.containsValue(candidate);
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        base.forEach(action);
        action.accept(key, value);
    }

    @Override
    public int hashCode() {
        // A map's hash code is the sum of its entries', so the base's own serves without iterating it.
        return base.hashCode() + (key.hashCode() ^ value.hashCode());
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new Entries();
    }

    // Immutable whatever the arguments, as the maps of Map.of are: AbstractMap's and Map's defaults
    // would throw only when they came to change something.

    @Override
    public String put(String k, String v) {
        throw immutable();
    }

    @Override
    public String remove(Object k) {
        throw immutable();
    }

    @Override
    public void putAll(Map<? extends String, ? extends String> entries) {
        throw immutable();
    }

    @Override
    public void clear() {
        throw immutable();
    }

    @Override
    public void replaceAll(BiFunction<? super String, ? super String, ? extends String> function) {
        throw immutable();
    }

    @Override
    public String putIfAbsent(String k, String v) {
        throw immutable();
    }

    @Override
    public boolean remove(Object k, Object v) {
        throw immutable();
    }

    @Override
    public boolean replace(String k, String oldValue, String newValue) {
        throw immutable();
    }

    @Override
    public String replace(String k, String v) {
        throw immutable();
    }

    @Override
    public String computeIfAbsent(String k, Function<? super String, ? extends String> function) {
        throw immutable();
    }

    @Override
    public String computeIfPresent(String k, BiFunction<? super String, ? super String, ? extends String> function) {
        throw immutable();
    }

    @Override
    public String compute(String k, BiFunction<? super String, ? super String, ? extends String> function) {
        throw immutable();
    }

    @Override
    public String merge(String k, String v, BiFunction<? super String, ? super String, ? extends String> function) {
        throw immutable();
    }

    private static UnsupportedOperationException immutable() {
        return new UnsupportedOperationException("Message metadata is immutable");
    }

    /** The base's entries, then the added one; removing through it fails as on any immutable map. */
    private final class Entries extends AbstractSet<Entry<String, String>> {

        @Override
        public int size() {
            return MetadataOverlay.this.size();
        }

        @Override
        public boolean contains(Object candidate) {
            // No null key reaches the base: a map of Map.of throws on one.
            return candidate instanceof Entry<?, ?> entry && entry.getKey() != null
                    && entry.getValue() != null && entry.getValue().equals(get(entry.getKey()));
        }

        @Override
        public Iterator<Entry<String, String>> iterator() {
            Iterator<Entry<String, String>> under = base.entrySet().iterator();
            return new Iterator<>() {
                private boolean addedGiven;

                @Override
                public boolean hasNext() {
                    return !addedGiven;
                }

                @Override
                public Entry<String, String> next() {
                    if (under.hasNext()) {
                        return under.next();
                    }
                    if (addedGiven) {
                        throw new NoSuchElementException();
                    }
                    addedGiven = true;
                    return Map.entry(key, value);
                }
            };
        }
    }
}
