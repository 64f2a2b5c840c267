package io.kincir.nats;

import io.kincir.Backend;
import io.kincir.conformance.ConformanceSuite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

/**
 * The whole conformance suite against the NATS server on 127.0.0.1:4222, with the backend's default
 * settings (streams on disk, pull batches of 32, a 30 second ack wait).
 */
class NatsConformanceTest extends ConformanceSuite {

    private static final TestNats NATS = new TestNats();

    @Override
    protected Backend newBackend() {
        return NATS.backend();
    }

    @AfterEach
    void deleteWhatTheTestCreated() {
        NATS.deleteDeclared();
    }

    @AfterAll
    static void disconnect() {
        NATS.close();
    }
}
