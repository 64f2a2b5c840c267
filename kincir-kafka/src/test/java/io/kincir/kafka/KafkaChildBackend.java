package io.kincir.kafka;

import io.kincir.Backend;
import io.kincir.fault.BackendFactory;
import io.kincir.fault.ChildBackend;
import java.util.List;

/**
 * Builds, in a child JVM, a backend for the test broker of the JVM that started it (whose bootstrap
 * servers it is given), with the tests' client properties: as {@link SharedKafkaBroker#backend()}.
 */
final class KafkaChildBackend implements BackendFactory {

    /** @return how a child reaches this JVM's test broker, starting the broker if needed */
    static ChildBackend forSharedBroker() {
        return ChildBackend.of(KafkaChildBackend.class, SharedKafkaBroker.bootstrapServers());
    }

    @Override
    public Backend create(List<String> arguments) {
        return KafkaBackend.builder().bootstrapServers(arguments.get(0))
                .producerProperties(SharedKafkaBroker.producerProperties())
                .consumerProperties(SharedKafkaBroker.consumerProperties())
                .build();
    }
}
