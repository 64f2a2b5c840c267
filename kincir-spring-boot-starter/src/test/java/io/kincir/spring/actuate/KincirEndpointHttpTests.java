package io.kincir.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kincir.MetadataKeys;
import io.kincir.spring.KincirListener;
import io.kincir.spring.KincirTemplate;
import io.kincir.spring.Metadata;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /actuator/kincir} over real HTTP, on whatever backend the subclass configures: the backend
 * and the listeners, stop, start, pause and resume, and the dead letters listed, replayed (the
 * listener then handles the replay, counted) and purged. A subclass only supplies properties.
 */
@SpringBootTest(classes = KincirEndpointHttpTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.application.name=ops", "management.endpoints.web.exposure.include=health,kincir",
        "management.endpoint.health.show-details=always", "kincir.listener.max-attempts=2",
        "kincir.listener.backoff.initial=5ms", "kincir.listener.poll-timeout=200ms",
        "kincir.listener.recovery-interval=50ms", "kincir.dead-letters.quiet-period=1s"})
public abstract class KincirEndpointHttpTests {

    /** A prefix for this run's topics: a real server keeps topics between runs. */
    static final String RUN = "kincir-ops-" + UUID.randomUUID().toString().substring(0, 8);

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** How long a test waits to see that something does not happen: the only wait not on a condition. */
    private static final Duration QUIET = Duration.ofMillis(500);

    @DynamicPropertySource
    static void run(DynamicPropertyRegistry registry) {
        registry.add("test.run", () -> RUN);
    }

    @LocalServerPort
    int port;

    @Autowired
    KincirTemplate template;

    @Autowired
    Handled handled;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    /** @return the backend's name as the endpoint must show it */
    protected abstract String backendName();

    /** @return whether the backend tells the topics and groups its broker knows */
    protected boolean tellsTopology() {
        return true;
    }

    /** What each listener handled, by listener id. */
    static final class Handled {

        private final Map<String, List<String>> byListener = new ConcurrentHashMap<>();

        void add(String listener, String payload) {
            byListener.computeIfAbsent(listener, key -> new CopyOnWriteArrayList<>()).add(payload);
        }

        List<String> of(String listener) {
            return byListener.getOrDefault(listener, List.of());
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        Handled handled() {
            return new Handled();
        }

        @Bean
        Listeners listeners(Handled handled) {
            return new Listeners(handled);
        }
    }

    static class Listeners {

        private final Handled handled;

        Listeners(Handled handled) {
            this.handled = handled;
        }

        /** Fails a payload starting with "bad" until it is replayed from the dead letters. */
        @KincirListener(id = "payments", topics = "${test.run}.orders")
        void pay(String order, @Metadata(MetadataKeys.REPLAYED) String replayed) {
            if (order.startsWith("bad") && replayed == null) {
                throw new IllegalStateException("cannot pay " + order);
            }
            handled.add("payments", order + (replayed == null ? "" : " (replay " + replayed + ")"));
        }

        @KincirListener(id = "audit", topics = "${test.run}.audit", concurrency = "2")
        void audit(String entry) {
            handled.add("audit", entry);
        }

        @KincirListener(id = "purges", topics = "${test.run}.purges", maxAttempts = "1")
        void purges(String entry) {
            throw new IllegalStateException("never handled: " + entry);
        }
    }

    private static String topic(String name) {
        return RUN + "." + name;
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(WAIT).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode call(String method, String path, String body) throws Exception {
        HttpResponse<String> response = send(method, path, body);
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private JsonNode get(String path) throws Exception {
        return call("GET", path, null);
    }

    private JsonNode act(String listener, String action) throws Exception {
        return call("POST", "/actuator/kincir/listeners/" + listener, "{\"action\":\"" + action + "\"}");
    }

    private JsonNode listener(String id) throws Exception {
        return get("/actuator/kincir/listeners/" + id);
    }

    private JsonNode deadLetters(String topic) throws Exception {
        return get("/actuator/kincir/dead-letters/" + topic + "?limit=50");
    }

    /** @return the dead letter of the page with this payload */
    private static JsonNode find(JsonNode page, String payload) {
        for (JsonNode deadLetter : page.path("deadLetters")) {
            if (deadLetter.path("payload").asString().equals(payload)) {
                return deadLetter;
            }
        }
        throw new AssertionError("No dead letter '" + payload + "' in " + page);
    }

    private static List<String> payloads(JsonNode page) {
        List<String> payloads = new ArrayList<>();
        page.path("deadLetters").forEach(deadLetter -> payloads.add(deadLetter.path("payload").asString()));
        return payloads;
    }

    @Test
    void showsTheTopicsAndGroupsTheBrokerKnows() throws Exception {
        if (!tellsTopology()) {
            JsonNode topology = get("/actuator/kincir").path("topology");
            assertThat(topology.path("known").asBoolean()).isFalse();
            assertThat(topology.path("note").asString()).isNotBlank();
            assertThat(topology.path("topics")).isEmpty();
            return;
        }
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode topology = get("/actuator/kincir").path("topology");
            assertThat(topology.path("known").asBoolean()).as("%s", topology).isTrue();
            JsonNode audit = null;
            for (JsonNode topic : topology.path("topics")) {
                if (topic.path("name").asString().equals(topic("audit"))) {
                    audit = topic;
                }
            }
            assertThat(audit).as("topic %s in %s", topic("audit"), topology).isNotNull();
            List<String> groups = new ArrayList<>();
            audit.path("groups").forEach(group -> groups.add(group.path("name").asString()));
            assertThat(groups).contains("ops.audit");
        });
    }

    @Test
    void showsTheRealBackendAndEveryListener() throws Exception {
        JsonNode kincir = get("/actuator/kincir");

        assertThat(kincir.path("backend").path("name").asString()).isEqualTo(backendName());
        assertThat(kincir.path("backend").path("up").asBoolean()).isTrue();
        assertThat(kincir.path("backend").path("features").has("order")).isTrue();
        JsonNode audit = kincir.path("listeners").path("audit");
        assertThat(audit.path("state").asString()).isEqualTo("RUNNING");
        assertThat(audit.path("group").asString()).isEqualTo("ops.audit");
        assertThat(audit.path("topics").get(0).asString()).isEqualTo(topic("audit"));
        assertThat(audit.path("consumers").asInt()).isEqualTo(2);
        assertThat(audit.path("consumersAsked").asInt()).isEqualTo(2);
        assertThat(audit.path("deadLetterTopics").get(0).asString()).isEqualTo(topic("audit") + ".dlq");
        assertThat(get("/actuator/kincir/dead-letters").has(topic("orders") + ".dlq")).isTrue();
        assertThat(send("GET", "/actuator/kincir/listeners/nope", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/actuator/kincir/dead-letters/not-a-dead-letter-topic", null).statusCode())
                .as("a topic that is no listener's dead-letter topic is not read").isEqualTo(404);
    }

    @Test
    void aListenerIsPausedResumedStoppedAndStarted() throws Exception {
        template.send(topic("audit"), "first");
        await().atMost(WAIT).until(() -> handled.of("audit").size() == 1);

        assertThat(act("audit", "pause").path("state").asString()).isEqualTo("PAUSED");
        template.send(topic("audit"), "while paused");
        Thread.sleep(QUIET.toMillis());
        assertThat(handled.of("audit")).containsExactly("first");
        JsonNode health = get("/actuator/health/kincir");
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("details").path("listeners").path("audit").asString()).isEqualTo("PAUSED");

        assertThat(act("audit", "resume").path("state").asString()).isEqualTo("RUNNING");
        await().atMost(WAIT).until(() -> handled.of("audit").size() == 2);

        JsonNode stopped = act("audit", "stop");
        assertThat(stopped.path("state").asString()).isEqualTo("STOPPED");
        assertThat(stopped.path("consumers").asInt()).isZero();
        template.send(topic("audit"), "while stopped");
        assertThat(get("/actuator/health/kincir").path("details").path("listeners").path("audit").asString())
                .isEqualTo("STOPPED");
        assertThat(act("audit", "start").path("state").asString()).isEqualTo("RUNNING");

        await().atMost(WAIT).until(() -> handled.of("audit").size() == 3);
        assertThat(handled.of("audit")).containsExactly("first", "while paused", "while stopped");
        assertThat(listener("audit").path("handled").asLong()).isEqualTo(3);
        assertThat(send("POST", "/actuator/kincir/listeners/audit", "{\"action\":\"explode\"}").statusCode())
                .isEqualTo(400);
        assertThat(send("POST", "/actuator/kincir/listeners/nope", "{\"action\":\"stop\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void deadLettersAreListedThenReplayedAndTheListenerHandlesTheReplay() throws Exception {
        String deadLetterTopic = topic("orders") + ".dlq";
        template.send(topic("orders"), "bad-1");
        template.send(topic("orders"), "bad-2");
        await().atMost(WAIT).until(() -> listener("payments").path("deadLettered").asLong() == 2);
        JsonNode payments = listener("payments");
        assertThat(payments.path("failedAttempts").asLong()).isEqualTo(4);
        assertThat(payments.path("lastError").asString()).contains("cannot pay bad-");
        assertThat(payments.path("lastErrorAt").asString()).isNotEmpty();

        JsonNode page = deadLetters(deadLetterTopic);
        assertThat(page.path("total").asInt()).isEqualTo(2);
        assertThat(page.path("complete").asBoolean()).isTrue();
        JsonNode first = find(page, "bad-1");
        assertThat(first.path("error").asString()).isEqualTo("java.lang.IllegalStateException: cannot pay bad-1");
        assertThat(first.path("originalTopic").asString()).isEqualTo(topic("orders"));
        assertThat(first.path("attempts").asInt()).isEqualTo(2);
        assertThat(first.path("age").asString()).startsWith("PT");
        assertThat(deadLetters(deadLetterTopic).path("total").asInt()).as("listing takes nothing away").isEqualTo(2);

        JsonNode replayed = call("POST", "/actuator/kincir/dead-letters/" + deadLetterTopic,
                "{\"action\":\"replay\",\"uuid\":\"" + first.path("uuid").asString() + "\"}");

        assertThat(replayed.path("count").asInt()).isEqualTo(1);
        await().atMost(WAIT).until(() -> handled.of("payments").contains("bad-1 (replay 1)"));
        assertThat(listener("payments").path("handled").asLong()).isEqualTo(1);
        JsonNode rest = deadLetters(deadLetterTopic);
        assertThat(rest.path("total").asInt()).isEqualTo(1);
        assertThat(rest.path("deadLetters").get(0).path("payload").asString()).isEqualTo("bad-2");

        assertThat(call("POST", "/actuator/kincir/dead-letters/" + deadLetterTopic, "{\"action\":\"replay\"}")
                .path("count").asInt()).isEqualTo(1);
        await().atMost(WAIT).until(() -> handled.of("payments").contains("bad-2 (replay 1)"));
        assertThat(listener("payments").path("handled").asLong()).isEqualTo(2);
        assertThat(deadLetters(deadLetterTopic).path("total").asInt()).isZero();
    }

    @Test
    void deadLettersArePurgedOneByUuidOrAll() throws Exception {
        String deadLetterTopic = topic("purges") + ".dlq";
        for (int i = 1; i <= 3; i++) {
            template.send(topic("purges"), "entry-" + i);
        }
        await().atMost(WAIT).until(() -> listener("purges").path("deadLettered").asLong() == 3);
        String uuid = find(deadLetters(deadLetterTopic), "entry-2").path("uuid").asString();

        JsonNode one = call("DELETE", "/actuator/kincir/dead-letters/" + deadLetterTopic + "?uuid=" + uuid, null);

        assertThat(one.path("count").asInt()).isEqualTo(1);
        assertThat(one.path("uuids").get(0).asString()).isEqualTo(uuid);
        JsonNode left = deadLetters(deadLetterTopic);
        assertThat(left.path("total").asInt()).isEqualTo(2);
        assertThat(payloads(left)).containsExactlyInAnyOrder("entry-1", "entry-3");

        assertThat(call("DELETE", "/actuator/kincir/dead-letters/" + deadLetterTopic, null).path("count").asInt())
                .isEqualTo(2);
        assertThat(deadLetters(deadLetterTopic).path("total").asInt()).isZero();
        assertThat(send("DELETE", "/actuator/kincir/dead-letters/not-a-dead-letter-topic", null).statusCode())
                .isEqualTo(400);
    }
}
