package io.kincir.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/** The builder's checks; building connects to nothing, so no server is needed. */
class RabbitBackendBuilderTest {

    @Test
    void aConnectionFactoryAndConnectionDetailsTogetherAreRefused() {
        CachingConnectionFactory factory = new CachingConnectionFactory("127.0.0.1");
        try {
            assertThatIllegalStateException().isThrownBy(() -> RabbitBackend.builder().connectionFactory(factory)
                    .host("elsewhere").build()).withMessageContaining("not both");
        } finally {
            factory.destroy();
        }
    }

    @Test
    void outOfRangeSettingsAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> RabbitBackend.builder().prefetch(0).build())
                .withMessageContaining("prefetch");
        assertThatIllegalArgumentException().isThrownBy(() -> RabbitBackend.builder().confirmTimeout(Duration.ZERO).build())
                .withMessageContaining("confirmTimeout");
        assertThatIllegalArgumentException().isThrownBy(() -> RabbitBackend.builder().port(0));
    }

    @Test
    void theDefaultsAreMandatoryPersistentPublishingWithAPrefetchOf250() {
        try (RabbitBackend backend = RabbitBackend.builder().build()) {
            assertThat(backend.settings()).isEqualTo(new RabbitSettings(250, true, Duration.ofSeconds(30), true));
        }
    }
}
