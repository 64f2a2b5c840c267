package io.kincir.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The jar the build packages starts with {@code java -jar} and reports the kincir health component
 * UP, as a user runs it. Runs after {@code package} (maven-failsafe, {@code verify}), which made it.
 */
class RunnableJarIT {

    private final Path jar = Path.of(System.getProperty("sample.jar", "target/kincir-sample-app.jar"));

    @Test
    void theJarNamesItsMainClass() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Start-Class"))
                    .isEqualTo(SampleApplication.class.getName());
        }
    }

    @Test
    void javaDashJarStartsTheSampleWithKincirUp() throws Exception {
        int port = freePort();
        Path log = Files.createTempFile("kincir-sample", ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--server.port=" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).build();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .failFast("the sample exited; its output is in " + log, () -> !process.isAlive())
                    .untilAsserted(() -> {
                        JsonNode body = JsonMapper.builder().build()
                                .readTree(client.send(health, HttpResponse.BodyHandlers.ofString()).body());
                        assertThat(body.path("components").path("kincir").path("status").asString()).isEqualTo("UP");
                    });
            Files.delete(log); // kept when the test fails, for the sample's output
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
