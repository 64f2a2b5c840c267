package io.kincir.rabbitmq;

import io.kincir.Backend;
import io.kincir.conformance.ConformanceSuite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

/**
 * The whole conformance suite against the RabbitMQ server on 127.0.0.1:5672, with the backend's
 * default settings (mandatory publishing, persistent messages, prefetch 250).
 */
class RabbitConformanceTest extends ConformanceSuite {

    private static final TestRabbit RABBIT = new TestRabbit();

    @Override
    protected Backend newBackend() {
        return RABBIT.backend();
    }

    @AfterEach
    void deleteWhatTheTestDeclared() {
        RABBIT.deleteDeclared();
    }

    @AfterAll
    static void disconnect() {
        RABBIT.close();
    }
}
