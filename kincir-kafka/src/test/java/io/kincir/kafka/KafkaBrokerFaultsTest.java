package io.kincir.kafka;

import io.kincir.Backend;
import io.kincir.fault.BrokerFaults;
import io.kincir.fault.BrokerUnderTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The fault suite against a Kafka broker of the test's own in the test JVM, shut down and started again
 * on the same ports and logs, and reached through a proxy (on a listener that advertises it) whose
 * connections are cut.
 */
class KafkaBrokerFaultsTest extends BrokerFaults {

    @Override
    protected BrokerUnderTest startBroker(Path dir) {
        return RestartableKafkaBroker.launch();
    }

    @Override
    protected Backend newBackend(String host, int port) {
        // The producer retries a record until delivery.timeout.ms (2 minutes by default): a publish to an
        // unreachable broker fails after 5 s here.
        return KafkaBackend.builder()
                .bootstrapServers(host + ":" + port)
                .producerProperties(Map.of("delivery.timeout.ms", 5000, "request.timeout.ms", 3000,
                        "max.block.ms", 5000))
                .consumerProperties(SharedKafkaBroker.consumerProperties())
                .operationTimeout(Duration.ofSeconds(10))
                .healthTimeout(Duration.ofSeconds(2))
                .build();
    }

    /**
     * A consumer whose connections were cut may have to rejoin its group, after its session timeout (6 s
     * in the tests) and a rebalance, on a broker that shares this JVM's two cores with the test.
     */
    @Override
    protected Duration resumeWithin() {
        return Duration.ofSeconds(20);
    }
}
