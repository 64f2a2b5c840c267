package io.kincir.kafka;

import io.kincir.fault.BrokerUnderTest;
import io.kincir.fault.ServerProcess;
import io.kincir.fault.TcpProxy;
import java.util.Map;
import kafka.server.BrokerServer;
import org.apache.kafka.common.network.ListenerName;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A Kafka broker of a test's own, inside the test JVM, that the test may stop and start again: the
 * fault suite's {@link BrokerUnderTest} for Kafka. It is spring-kafka-test's KRaft broker (one node,
 * broker and controller combined); a restart shuts the node's broker down — its listeners, log
 * manager, group coordinator — and starts it again on the same ports and log directory, recovering the
 * topics' logs and committed offsets from disk, as the Kafka test kit's own restart tests do. The
 * controller, and with it the cluster's metadata quorum, keeps running.
 *
 * <p>Kafka tells its clients the address it advertises, not the one they dialled, so a proxy in front
 * of it must be advertised: besides its own listener the broker has one more, {@code PROXIED}, that
 * advertises the port {@link #openProxy()} listens on.
 */
final class RestartableKafkaBroker implements BrokerUnderTest {

    private static final String PROXIED = "PROXIED";

    private final EmbeddedKafkaKraftBroker kafka;
    private final int proxiedPort;
    private final int proxyPort;

    private RestartableKafkaBroker(EmbeddedKafkaKraftBroker kafka, int proxiedPort, int proxyPort) {
        this.kafka = kafka;
        this.proxiedPort = proxiedPort;
        this.proxyPort = proxyPort;
    }

    /** @return a running broker, with the test brokers' settings ({@link SharedKafkaBroker}) */
    static RestartableKafkaBroker launch() {
        int proxiedPort = ServerProcess.freePort();
        int proxyPort = ServerProcess.freePort();
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
        kafka.brokerProperties(Map.of(
                "group.initial.rebalance.delay.ms", "0",
                "controller.quorum.append.linger.ms", "1",
                "auto.create.topics.enable", "false",
                // The test kit binds EXTERNAL and CONTROLLER on free ports, kept across a restart.
                "listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0," + PROXIED + "://127.0.0.1:" + proxiedPort,
                "advertised.listeners", "EXTERNAL://localhost:0," + PROXIED + "://127.0.0.1:" + proxyPort,
                "listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT," + PROXIED + ":PLAINTEXT"));
        kafka.afterPropertiesSet();
        return new RestartableKafkaBroker(kafka, proxiedPort, proxyPort);
    }

    @Override
    public String host() {
        return "localhost";
    }

    @Override
    public int port() {
        return broker().boundPort(ListenerName.normalised("EXTERNAL"));
    }

    /** Shuts the broker down cleanly: it closes its listeners and flushes its logs. */
    @Override
    public void stop() {
        broker().shutdown();
    }

    /** Starts the broker again on the same ports and log directory. */
    @Override
    public void start() {
        broker().startup();
    }

    /** @return a proxy on the port the {@code PROXIED} listener advertises, forwarding to that listener */
    @Override
    public TcpProxy openProxy() {
        return TcpProxy.open(proxyPort, "127.0.0.1", proxiedPort);
    }

    @Override
    public void close() {
        kafka.destroy();
    }

    private BrokerServer broker() {
        return kafka.getCluster().brokers().values().iterator().next();
    }
}
