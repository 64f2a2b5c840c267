package io.kincir.memory;

import io.kincir.Backend;
import io.kincir.fault.BrokerFaults;
import io.kincir.fault.BrokerUnderTest;
import java.nio.file.Path;

/**
 * The fault suite against the in-memory broker: it runs in the application, so there is no broker to
 * restart and no connection to cut, and only the counted stream without a fault applies, where no
 * message may be lost or handled twice.
 */
class InMemoryBrokerFaultsTest extends BrokerFaults {

    @Override
    protected BrokerUnderTest startBroker(Path dir) {
        return null;
    }

    @Override
    protected Backend newBackend(String host, int port) {
        return new InMemoryBroker(InMemoryConfig.forTesting());
    }
}
