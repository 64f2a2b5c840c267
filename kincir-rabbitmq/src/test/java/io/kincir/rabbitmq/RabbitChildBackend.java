package io.kincir.rabbitmq;

import io.kincir.Backend;
import io.kincir.fault.BackendFactory;
import java.util.List;

/** Builds, in a child JVM, a backend with default settings for the tests' RabbitMQ server, as {@link TestRabbit#backend()}. */
final class RabbitChildBackend implements BackendFactory {

    @Override
    public Backend create(List<String> arguments) {
        return RabbitBackend.builder().connectionFactory(TestRabbit.newConnectionFactory()).build();
    }
}
