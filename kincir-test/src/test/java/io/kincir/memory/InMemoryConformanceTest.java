package io.kincir.memory;

import io.kincir.Backend;
import io.kincir.conformance.ConformanceSuite;

/** The whole conformance suite against the in-memory broker, in its testing profile. */
class InMemoryConformanceTest extends ConformanceSuite {

    @Override
    protected Backend newBackend() {
        return new InMemoryBroker(InMemoryConfig.forTesting());
    }
}
