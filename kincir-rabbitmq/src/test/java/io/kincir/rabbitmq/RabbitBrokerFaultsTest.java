package io.kincir.rabbitmq;

import io.kincir.Backend;
import io.kincir.fault.BrokerFaults;
import io.kincir.fault.BrokerUnderTest;
import java.nio.file.Path;

/**
 * The fault suite against a RabbitMQ node of the test's own, whose application is stopped and started
 * again, and reached through a proxy whose connections are cut.
 */
class RabbitBrokerFaultsTest extends BrokerFaults {

    @Override
    protected BrokerUnderTest startBroker(Path dir) {
        return RabbitNode.start(dir);
    }

    @Override
    protected Backend newBackend(String host, int port) {
        return RabbitBackend.builder().host(host).port(port).credentials("guest", "guest").build();
    }
}
