package io.kincir.kafka;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real Kafka broker (KRaft, from spring-kafka-test) for the whole test JVM, started on first use
 * and stopped when the JVM exits. Public, and in kincir-core's test-jar, so other modules' tests share
 * the same kind of broker.
 */
public final class SharedKafkaBroker {

    /** Large enough for the conformance suite's 1 MiB payload plus headers; Kafka's default is 1 MiB + 12 bytes. */
    public static final int MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

    private static final class Holder {
        static final EmbeddedKafkaKraftBroker BROKER = start();
    }

    private SharedKafkaBroker() {
    }

    /** @return the broker's bootstrap servers, starting it if needed */
    public static String bootstrapServers() {
        return Holder.BROKER.getBrokersAsString();
    }

    /** @return producer properties the tests use: room for 1 MiB payloads */
    public static Map<String, Object> producerProperties() {
        return Map.of("max.request.size", MAX_MESSAGE_BYTES);
    }

    /**
     * @return consumer properties the tests use: members notice a rebalance within 200 ms instead of
     *     Kafka's 3 s heartbeat, so that joining a group is quick
     */
    public static Map<String, Object> consumerProperties() {
        return Map.of("heartbeat.interval.ms", 200, "session.timeout.ms", 6000);
    }

    /** @return a backend builder for this broker with the tests' client properties */
    public static KafkaBackend.Builder backend() {
        return KafkaBackend.builder()
                .bootstrapServers(bootstrapServers())
                .producerProperties(producerProperties())
                .consumerProperties(consumerProperties());
    }

    private static EmbeddedKafkaKraftBroker start() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of(
                // A new group's first member is assigned at once instead of after 3 s.
                "group.initial.rebalance.delay.ms", "0",
                // The controller commits metadata (a topic creation) after 1 ms instead of 25 ms.
                "controller.quorum.append.linger.ms", "1",
                "message.max.bytes", Integer.toString(MAX_MESSAGE_BYTES),
                "auto.create.topics.enable", "false"));
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "kincir-test-kafka-stop"));
        return broker;
    }
}
