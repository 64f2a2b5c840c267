package io.kincir.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.Backend;
import io.kincir.Features;
import io.kincir.kafka.KafkaBackend;
import io.kincir.memory.InMemoryBroker;
import io.kincir.nats.NatsBackend;
import io.kincir.rabbitmq.RabbitBackend;
import io.kincir.redis.RedisBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The README's feature table says what each backend's {@link Backend#features()} says. It lives in the
 * sample's tests because the sample is the module that has every backend on its classpath.
 */
class ReadmeFeatureTableTests {

    private static final Map<String, Function<Features, String>> ROWS = new LinkedHashMap<>();

    static {
        ROWS.put("order kept", f -> f.order() == Features.OrderScope.TOPIC ? "per topic" : "per `partition_key`");
        ROWS.put("`_sequence` numbers", f -> mark(f.sequence()));
        ROWS.put("`_ttl` expiry", f -> mark(f.ttl()));
        ROWS.put("`_delay` delivery", f -> mark(f.delay()));
        ROWS.put("priorities", f -> mark(f.priority()));
        ROWS.put("bounded queues", f -> mark(f.boundedQueues()));
        ROWS.put("survives a broker restart", f -> mark(f.survivesRestart()));
        ROWS.put("a closing member's deliveries reach a later member at once", f -> mark(f.closeRedeliversAtOnce()));
    }

    @Test
    void everyFeatureRowMatchesTheBackendsFeatures() throws IOException {
        Map<String, List<String>> table = featureTable();
        Map<String, Features> backends = backendFeatures();

        assertThat(table.get("feature")).as("the table's columns").containsExactlyElementsOf(backends.keySet());
        ROWS.forEach((row, cell) -> assertThat(table.get(row)).as("README row '" + row + "'")
                .containsExactlyElementsOf(backends.values().stream().map(cell).toList()));
    }

    /** The backends as an application gets them by default: the README describes the defaults. */
    private static Map<String, Features> backendFeatures() {
        Map<String, Features> features = new LinkedHashMap<>();
        try (InMemoryBroker memory = InMemoryBroker.withDefaultConfig();
                KafkaBackend kafka = KafkaBackend.builder().bootstrapServers("127.0.0.1:9").build();
                RabbitBackend rabbit = RabbitBackend.builder().build();
                NatsBackend nats = NatsBackend.builder().build();
                RedisBackend redis = RedisBackend.builder().build()) {
            features.put("in-memory", memory.features());
            features.put("Kafka", kafka.features());
            features.put("RabbitMQ", rabbit.features());
            features.put("NATS", nats.features());
            features.put("Redis", redis.features());
        }
        return features;
    }

    /** @return each row of the table under "## Features by backend", by its first cell */
    private static Map<String, List<String>> featureTable() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
        int heading = lines.indexOf("## Features by backend");
        assertThat(heading).as("the README's feature table heading").isNotNegative();
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(heading + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("|") && !line.startsWith("|---")) {
                List<String> cells = Arrays.stream(line.substring(1, line.lastIndexOf('|')).split("\\|"))
                        .map(String::strip).toList();
                rows.put(cells.get(0), cells.subList(1, cells.size()));
            }
        }
        return rows;
    }

    private static String mark(boolean supported) {
        return supported ? "✅" : "—";
    }
}
