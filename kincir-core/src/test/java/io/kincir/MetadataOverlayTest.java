package io.kincir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class MetadataOverlayTest {

    private final Map<String, String> base = ordered("customer", "Alice", "region", "eu");
    private final MetadataOverlay overlay = new MetadataOverlay(base, "_attempt", "1");

    @Test
    void looksUpTheAddedKeyAndTheBaseKeys() {
        assertThat(overlay.get("_attempt")).isEqualTo("1");
        assertThat(overlay.get("customer")).isEqualTo("Alice");
        assertThat(overlay.get("missing")).isNull();
        assertThat(overlay.getOrDefault("_attempt", "none")).isEqualTo("1");
        assertThat(overlay.getOrDefault("region", "none")).isEqualTo("eu");
        assertThat(overlay.getOrDefault("missing", "none")).isEqualTo("none");
        assertThat(overlay.containsKey("_attempt")).isTrue();
        assertThat(overlay.containsKey("region")).isTrue();
        assertThat(overlay.containsKey("missing")).isFalse();
        assertThat(overlay.containsValue("1")).isTrue();
        assertThat(overlay.containsValue("Alice")).isTrue();
        assertThat(overlay.containsValue("Bob")).isFalse();
        assertThat(overlay).hasSize(3);
        assertThat(overlay.isEmpty()).isFalse();
    }

    @Test
    void iteratesTheBaseInItsOrderThenTheAddedEntry() {
        List<String> forEach = new ArrayList<>();
        overlay.forEach((key, value) -> forEach.add(key + "=" + value));

        assertThat(overlay.entrySet()).containsExactly(entry("customer", "Alice"), entry("region", "eu"),
                entry("_attempt", "1"));
        assertThat(overlay.keySet()).containsExactly("customer", "region", "_attempt");
        assertThat(overlay.values()).containsExactly("Alice", "eu", "1");
        assertThat(forEach).containsExactly("customer=Alice", "region=eu", "_attempt=1");
        assertThat(overlay).hasToString("{customer=Alice, region=eu, _attempt=1}");
    }

    @Test
    void anExhaustedIteratorSaysSo() {
        Iterator<Map.Entry<String, String>> entries = new MetadataOverlay(Map.of(), "k", "v").entrySet().iterator();

        assertThat(entries.next()).isEqualTo(entry("k", "v"));
        assertThat(entries.hasNext()).isFalse();
        assertThatThrownBy(entries::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void equalsAndHashesAsAnyMapOfTheSameEntries() {
        Map<String, String> same = new HashMap<>(Map.of("customer", "Alice", "region", "eu", "_attempt", "1"));

        assertThat(overlay).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(same).isEqualTo(overlay);
        assertThat(Map.copyOf(same)).isEqualTo(overlay);
        assertThat(overlay).isEqualTo(new MetadataOverlay(Map.of("_attempt", "1", "region", "eu"), "customer", "Alice"));
        assertThat(overlay).isNotEqualTo(Map.of("customer", "Alice", "region", "eu", "_attempt", "2"))
                .isNotEqualTo(Map.of("customer", "Alice", "region", "eu"))
                .isNotEqualTo(base);
    }

    @Test
    void itsEntrySetHoldsExactlyItsEntries() {
        assertThat(overlay.entrySet()).hasSize(3)
                .contains(entry("_attempt", "1"), entry("customer", "Alice"))
                .doesNotContain(entry("_attempt", "2"), entry("missing", "1"));
        assertThat(overlay.entrySet().contains(new AbstractMap.SimpleEntry<String, String>(null, "1"))).isFalse();
        assertThat(overlay.entrySet().contains("_attempt")).isFalse();
    }

    @Test
    void refusesEveryChangeEvenOneThatWouldChangeNothing() {
        List<Consumer<Map<String, String>>> changes = List.of(
                map -> map.put("k", "v"),
                map -> map.remove("missing"),
                map -> map.remove("_attempt", "1"),
                map -> map.putAll(Map.of()),
                Map::clear,
                map -> map.replaceAll((key, value) -> value),
                map -> map.putIfAbsent("_attempt", "1"),
                map -> map.replace("missing", "v"),
                map -> map.replace("_attempt", "1", "2"),
                map -> map.computeIfAbsent("_attempt", key -> "1"),
                map -> map.computeIfPresent("missing", (key, value) -> value),
                map -> map.compute("k", (key, value) -> value),
                map -> map.merge("k", "v", (old, given) -> given),
                map -> map.entrySet().clear(),
                map -> map.keySet().remove("customer"),
                map -> map.values().remove("1"),
                map -> map.entrySet().iterator().next().setValue("x"),
                map -> {
                    Iterator<Map.Entry<String, String>> entries = map.entrySet().iterator();
                    entries.next();
                    entries.remove();
                });

        for (Consumer<Map<String, String>> change : changes) {
            assertThatThrownBy(() -> change.accept(overlay)).isInstanceOf(UnsupportedOperationException.class);
        }
        assertThat(overlay).hasSize(3).containsEntry("_attempt", "1");
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
