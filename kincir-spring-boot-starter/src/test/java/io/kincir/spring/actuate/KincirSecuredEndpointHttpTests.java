package io.kincir.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.config.Customizer.withDefaults;

import io.kincir.spring.KincirListener;
import io.kincir.spring.KincirListenerRegistry;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The endpoint and the console behind Spring Security, over real HTTP, as an application protects them:
 * both need the role {@code OPS} (HTTP Basic here), and CSRF protection is on in the way a single-page
 * client expects ({@code csrf.spa()}: the token in the {@code XSRF-TOKEN} cookie, sent back as the
 * {@code X-XSRF-TOKEN} header, which the console's script does). Reads and writes are refused without
 * credentials and without the role, and work with them; a write without the CSRF header is refused.
 */
@SpringBootTest(classes = KincirSecuredEndpointHttpTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"spring.autoconfigure.exclude=", "kincir.backend=in-memory", "kincir.console.enabled=true",
                "spring.application.name=secured", "management.endpoints.web.exposure.include=health,kincir",
                "kincir.listener.poll-timeout=200ms", "kincir.dead-letters.quiet-period=200ms"})
class KincirSecuredEndpointHttpTests {

    private static final String TOPIC = "kincir-secured-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String OPS = basic("ops", "ops-secret");
    private static final String VIEWER = basic("viewer", "viewer-secret");
    private static final String PAUSE = "{\"action\":\"pause\"}";
    private static final String RESUME = "{\"action\":\"resume\"}";

    @LocalServerPort
    int port;

    @Autowired
    KincirListenerRegistry registry;

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        SecurityFilterChain security(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests
                            .requestMatchers(EndpointRequest.to(KincirEndpoint.class)).hasRole("OPS")
                            .requestMatchers("/kincir/console/**").hasRole("OPS")
                            .anyRequest().permitAll())
                    .httpBasic(withDefaults())
                    .csrf(csrf -> csrf.spa())
                    .build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("ops").password("{noop}ops-secret").roles("OPS").build(),
                    User.withUsername("viewer").password("{noop}viewer-secret").roles("VIEWER").build());
        }

        @KincirListener(id = "orders", topics = "${test.topic}")
        void order(String order) {
        }
    }

    @DynamicPropertySource
    static void topic(DynamicPropertyRegistry registry) {
        registry.add("test.topic", () -> TOPIC);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private int status(String method, String path, String authorization, String body, boolean csrfHeader)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (csrfHeader) {
            request.header("X-XSRF-TOKEN", xsrfCookie());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private String xsrfCookie() {
        return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("No XSRF-TOKEN cookie; cookies: " + cookies.getCookieStore()));
    }

    private String state() {
        return registry.container("orders").state().status().name();
    }

    @Test
    void withoutCredentialsNothingIsReadOrDone() throws Exception {
        assertThat(status("GET", "/actuator/kincir", null, null, false)).isEqualTo(401);
        assertThat(status("GET", "/actuator/kincir/listeners/orders", null, null, false)).isEqualTo(401);
        assertThat(status("GET", "/kincir/console/", null, null, false)).isEqualTo(401);
        assertThat(status("GET", "/kincir/console/config.json", null, null, false)).isEqualTo(401);
        // A page anyone may read gives the XSRF-TOKEN cookie: the writes below carry the token, and are
        // refused for want of credentials alone.
        status("GET", "/actuator/health", null, null, false);

        assertThat(status("POST", "/actuator/kincir/listeners/orders", null, PAUSE, true)).isEqualTo(401);
        assertThat(status("DELETE", "/actuator/kincir/dead-letters/" + TOPIC + ".dlq", null, null, true))
                .isEqualTo(401);
        assertThat(state()).isEqualTo("RUNNING");
    }

    @Test
    void withoutTheRoleNothingIsReadOrDone() throws Exception {
        assertThat(status("GET", "/actuator/kincir", VIEWER, null, false)).isEqualTo(403);
        assertThat(status("GET", "/kincir/console/", VIEWER, null, false)).isEqualTo(403);

        assertThat(status("POST", "/actuator/kincir/listeners/orders", VIEWER, PAUSE, true)).isEqualTo(403);
        assertThat(state()).isEqualTo("RUNNING");
    }

    @Test
    void withTheRoleTheConsoleReadsAndActsSendingTheCsrfTokenBack() throws Exception {
        assertThat(status("GET", "/kincir/console/", OPS, null, false)).isEqualTo(200);
        assertThat(status("GET", "/kincir/console/config.json", OPS, null, false)).isEqualTo(200);
        assertThat(status("GET", "/actuator/kincir", OPS, null, false)).isEqualTo(200);

        assertThat(status("POST", "/actuator/kincir/listeners/orders", OPS, PAUSE, false))
                .as("a write without the CSRF header").isEqualTo(403);
        assertThat(state()).isEqualTo("RUNNING");

        assertThat(status("POST", "/actuator/kincir/listeners/orders", OPS, PAUSE, true)).isEqualTo(200);
        assertThat(state()).isEqualTo("PAUSED");
        assertThat(status("POST", "/actuator/kincir/listeners/orders", OPS, RESUME, true)).isEqualTo(200);
        assertThat(state()).isEqualTo("RUNNING");
        assertThat(status("DELETE", "/actuator/kincir/dead-letters/" + TOPIC + ".dlq", OPS, null, true))
                .isEqualTo(200);
    }
}
