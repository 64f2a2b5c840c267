package io.kincir.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kincir.listener.ListenerState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The application as a user runs it: a real web server, Actuator, and {@code kincir} in {@code /actuator/health}. */
@SpringBootTest(classes = KincirActuatorHttpTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=shop", "management.endpoint.health.show-details=always",
                "management.endpoints.web.exposure.include=health,metrics", "kincir.listener.max-attempts=1",
                TestBackend.IN_MEMORY})
class KincirActuatorHttpTests {

    @LocalServerPort
    int port;

    @Autowired
    KincirTemplate template;

    @Autowired
    KincirListenerRegistry registry;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        /** Whether every listener was running when the web server started taking requests. */
        static volatile Boolean listenersRunningWhenServing;

        @EventListener
        void serving(WebServerInitializedEvent event) {
            KincirListenerRegistry registry = event.getApplicationContext().getBean(KincirListenerRegistry.class);
            listenersRunningWhenServing = registry.isRunning()
                    && registry.listeners().stream().allMatch(ListenerState::running);
        }

        @KincirListener(id = "payments", topics = "orders", concurrency = "2")
        void pay(String order) {
            if (order.startsWith("bad")) {
                throw new IllegalArgumentException("cannot pay " + order);
            }
        }
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    void listenersAreSubscribedBeforeTheWebServerTakesRequests() {
        // A request handled right after start-up may publish to a listener's topic: it must find the
        // listener's group already subscribed, or the message would not be routed to it.
        assertThat(App.listenersRunningWhenServing).isTrue();
    }

    @Test
    void theHealthEndpointShowsKincirWithTheBackendAndEveryListenersState() throws Exception {
        template.send("orders", "order-1");
        template.send("orders", "bad order");
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.container("payments").state().deadLettered() == 1);

        JsonNode kincir = get("/actuator/health").path("components").path("kincir");

        assertThat(kincir.path("status").asString()).isEqualTo("UP");
        assertThat(kincir.path("details").path("backend").asString()).isEqualTo("in-memory");
        assertThat(kincir.path("details").path("listeners").path("payments").asString()).isEqualTo("RUNNING");
    }

    @Test
    void theMetersAreExposed() throws Exception {
        template.send("orders", "order-2");
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.container("payments").state().handled() >= 1);

        JsonNode names = get("/actuator/metrics").path("names");

        assertThat(names.toString()).contains("kincir.messages.published", "kincir.messages.consumed",
                "kincir.publish", "kincir.handle");
        JsonNode consumed = get("/actuator/metrics/kincir.messages.consumed?tag=group:shop.payments");
        assertThat(consumed.path("measurements").get(0).path("value").asDouble()).isGreaterThanOrEqualTo(1);
    }
}
