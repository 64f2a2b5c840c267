package io.kincir.spring.boot.autoconfigure;

import static io.kincir.spring.boot.autoconfigure.KincirStartupFailureTests.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.Backend;
import io.kincir.Message;
import io.kincir.Publisher;
import io.kincir.Subscriber;
import io.kincir.conformance.ExternalServer;
import io.kincir.memory.InMemoryBroker;
import io.kincir.nats.NatsBackend;
import io.kincir.nats.NatsSettings;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class NatsBackendAutoConfigurationTests {

    private static final String SERVER = "nats://" + ExternalServer.NATS.host() + ":" + ExternalServer.NATS.port();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(InMemoryBackendAutoConfiguration.class,
                    NatsBackendAutoConfiguration.class, KincirAutoConfiguration.class));

    @Test
    void kincirBackendNatsGivesANatsBackendWithDefaultSettings() {
        contextRunner.withPropertyValues("kincir.backend=nats").run(context -> {
            assertThat(context).hasSingleBean(Backend.class).hasSingleBean(NatsBackend.class)
                    .doesNotHaveBean(InMemoryBroker.class).hasSingleBean(Publisher.class);
            assertThat(context.getBean(NatsBackend.class).settings()).isEqualTo(NatsSettings.defaults());
        });
    }

    @Test
    void everyKincirNatsSettingReachesTheBackend() {
        contextRunner.withPropertyValues("kincir.backend=nats", "kincir.nats.pull-batch=8", "kincir.nats.ack-wait=10s",
                "kincir.nats.publish-timeout=5s", "kincir.nats.max-publishes-in-flight=64",
                "kincir.nats.persistent=false", "kincir.nats.replicas=3", "kincir.nats.max-age=1h")
                .run(context -> assertThat(context.getBean(NatsBackend.class).settings()).isEqualTo(new NatsSettings(
                        8, Duration.ofSeconds(10), Duration.ofSeconds(5), 64, false, 3, Duration.ofHours(1))));
    }

    @Test
    void propertyDefaultsMatchTheBackendDefaults() {
        assertThat(NatsBackendAutoConfiguration.NatsBackendConfiguration.settings(new KincirProperties().getNats()))
                .isEqualTo(NatsSettings.defaults());
    }

    @Test
    void theConnectionComesFromKincirNatsServers() {
        int closedPort = ClosedPort.find();
        contextRunner.withPropertyValues("kincir.backend=nats", "kincir.nats.servers=nats://127.0.0.1:" + closedPort)
                .run(context -> {
                    NatsBackend backend = context.getBean(NatsBackend.class);
                    assertThat(backend.health().up()).isFalse();
                    assertThat(String.valueOf(backend.health().details())).contains(String.valueOf(closedPort));
                });
    }

    @Test
    void publishesAndReceivesThroughTheRealServer() {
        ExternalServer.NATS.require();
        String topic = "kincir-starter-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        contextRunner.withPropertyValues("kincir.backend=nats", "kincir.nats.servers=" + SERVER).run(context -> {
            NatsBackend backend = context.getBean(NatsBackend.class);
            try (Subscriber subscriber = backend.subscriber("starter")) {
                subscriber.subscribe(topic);
                context.getBean(Publisher.class).publish(topic, Message.of("through Boot"));

                assertThat(subscriber.receive(Duration.ofSeconds(10))).map(Message::payloadAsString)
                        .contains("through Boot");
            } finally {
                backend.deleteDeclared();
            }
        });
    }

    @Test
    void anApplicationsOwnConnectionIsUsedAndLeftOpen() throws Exception {
        ExternalServer.NATS.require();
        try (Connection connection = Nats.connect(SERVER)) {
            contextRunner.withPropertyValues("kincir.backend=nats", "kincir.nats.servers=nats://127.0.0.1:1")
                    .withBean(Connection.class, () -> connection).run(context -> {
                        NatsBackend backend = context.getBean(NatsBackend.class);
                        assertThat(backend.health().up()).as("connected through the bean, not the servers").isTrue();
                        backend.close();
                        assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
                    });
        }
    }

    @Test
    void withoutKincirNatsTheStartFailsNamingTheModule() {
        contextRunner.withPropertyValues("kincir.backend=nats")
                .withClassLoader(new FilteredClassLoader("io.kincir.nats")).run(failsWith(analysis -> {
                    assertThat(analysis.getDescription()).isEqualTo("kincir.backend is set to 'nats', but the "
                            + "nats backend module is not on the classpath.");
                    assertThat(analysis.getAction()).startsWith("Add the dependency io.kincir:kincir-nats, ")
                            .doesNotContain("spring-boot-starter");
                }));
    }

    @Test
    void anSslBundleWithoutSslBundlesFailsNamingTheProperty() {
        contextRunner.withPropertyValues("kincir.backend=nats", "kincir.nats.ssl-bundle=nats-tls")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("kincir.nats.ssl-bundle=nats-tls")
                        .hasMessageContaining("spring.ssl.bundle"));
    }

    @Test
    void aUserDefinedBackendWins() {
        contextRunner.withPropertyValues("kincir.backend=nats")
                .withBean("ownBackend", Backend.class, InMemoryBroker::withDefaultConfig)
                .run(context -> assertThat(context).hasSingleBean(Backend.class).hasBean("ownBackend")
                        .doesNotHaveBean(NatsBackend.class));
    }
}
