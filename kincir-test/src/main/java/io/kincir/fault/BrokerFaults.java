package io.kincir.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kincir.Backend;
import io.kincir.BackendHealth;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite's broker faults, counted as Jepsen counts them: a publisher publishes in a loop
 * while three groups consume the topic (a {@link io.kincir.listener.ListenerContainer} with two
 * consumers, a plain subscriber and an ack subscriber), a fault strikes in the middle, and afterwards
 * every group must have handled every message whose publish returned. A loss fails the test; a
 * message handled twice is counted, printed and named in failure messages.
 *
 * <ul>
 *   <li>Without a fault, nothing is lost and nothing is handled twice.</li>
 *   <li>The broker is stopped, kept down for {@link #outage()}, and started again: while it is down
 *       publishes fail with {@link io.kincir.PublishException} or
 *       {@link io.kincir.BackendUnavailableException} (a backend may retry first, within the bound its
 *       settings give, shorter than the test's deadline) and {@link Backend#health()} is down; once it
 *       is back, health is up, and the listener and both subscribers carry on by themselves.</li>
 *   <li>Every connection between the backend and its broker is cut, through a {@link TcpProxy}, several
 *       times while messages flow, and then refused for a while: the backend reconnects by itself; while
 *       refused, publishes fail and health is down as in an outage.</li>
 * </ul>
 *
 * <p>A backend runs it by extending this class once, with a broker of the test's own
 * ({@link #startBroker(Path)}, never a server other tests share) and backends connected to an address
 * ({@link #newBackend(String, int)}). The broker is started once per class. The tests carry the tag
 * {@code faults}, so that a quick local run can leave them out ({@code -DexcludedGroups=faults}); the
 * build runs them.
 */
@Tag("faults")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrokerFaults {

    private BrokerUnderTest broker;
    private Backend backend;
    private CountedStream stream;
    private TcpProxy proxy;

    /**
     * @param dir a directory of this test class's own, for the broker's data and logs
     * @return a running broker of the test's own, which the suite stops and starts; null for a backend
     *     whose broker runs inside the application (the in-memory broker), where only the test without a
     *     fault applies
     */
    protected abstract BrokerUnderTest startBroker(Path dir);

    /**
     * @param host the broker's host, or a proxy's in front of it; null for a backend without broker
     * @param port its port
     * @return a new backend connected there, with timeouts short enough that a publish to an unreachable
     *     broker fails within the suite's deadline (90 s); the suite closes it
     */
    protected abstract Backend newBackend(String host, int port);

    /**
     * @return how long the broker stays down at least, from the moment it stopped (longer when publishes
     *     take longer to fail or health to go down); 3 s
     */
    protected Duration outage() {
        return Duration.ofSeconds(3);
    }

    /**
     * @return how soon after its broker is reachable again (health up) every group must be handling
     *     messages again, and publishes succeeding, and how soon once publishing stopped every group must
     *     have handled every message: a consumer that waits for a long client timeout before it notices a
     *     restarted broker fails, and a backend's redelivery timeouts (an ack wait, a claim idle time) must
     *     be configured shorter; 10 s
     */
    protected Duration resumeWithin() {
        return Duration.ofSeconds(10);
    }

    @BeforeAll
    void openBroker(@TempDir Path dir) {
        broker = startBroker(dir);
    }

    @AfterAll
    void closeBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void closeStream() throws InterruptedException {
        try {
            if (stream != null) {
                stream.close();
            }
        } finally {
            if (backend != null) {
                backend.close();
            }
            if (proxy != null) {
                proxy.close();
            }
            stream = null;
            backend = null;
            proxy = null;
        }
    }

    @Test
    void withoutAFaultEveryMessageIsHandledOnce() throws InterruptedException {
        backend = broker == null ? newBackend(null, 0) : newBackend(broker.host(), broker.port());
        long started = System.nanoTime();
        stream = CountedStream.start(backend);
        stream.awaitProgress("messages flowing", 500);

        stream.finish("no fault (" + elapsed(started) + ")", false, resumeWithin());
    }

    @Test
    void everyMessageWhosePublishReturnedIsHandledAcrossABrokerRestart() throws InterruptedException {
        Assumptions.assumeTrue(broker != null, "the backend's broker runs in the application: nothing to restart");
        backend = newBackend(broker.host(), broker.port());
        long started = System.nanoTime();
        stream = CountedStream.start(backend);
        stream.awaitProgress("messages flowing before the restart", 200);

        stream.mark("stopping the broker");
        broker.stop();
        long stopped = System.nanoTime();
        stream.mark("broker stopped");
        stream.awaitFailedPublish("a publish failing while the broker is down");
        awaitHealth(false, "health down while the broker is down");
        holdOutage(stopped);
        String outage = "down " + elapsed(stopped);
        stream.mark("starting the broker");
        broker.start();
        stream.mark("broker started");
        awaitHealth(true, "health up after the restart");
        stream.awaitProgress("every group handling messages after the restart", 200, resumeWithin());

        stream.finish("broker restart (" + outage + ", test " + elapsed(started) + ")", true,
                resumeWithin());
    }

    @Test
    void everyMessageWhosePublishReturnedIsHandledAcrossCutConnections() throws InterruptedException {
        Assumptions.assumeTrue(broker != null, "the backend's broker runs in the application: no connection to cut");
        proxy = broker.openProxy();
        backend = newBackend(proxy.host(), proxy.port());
        long started = System.nanoTime();
        stream = CountedStream.start(backend);
        stream.awaitProgress("messages flowing through the proxy", 200);

        int cuts = 3;
        for (int i = 1; i <= cuts; i++) {
            proxy.cutConnections();
            stream.mark("connections cut");
            stream.awaitProgress("every group handling messages after cut " + i, 100, resumeWithin());
        }
        long refused = System.nanoTime();
        proxy.refuseConnections();
        stream.awaitFailedPublish("a publish failing while connections are refused");
        awaitHealth(false, "health down while connections are refused");
        holdOutage(refused);
        String outage = "refused for " + elapsed(refused);
        proxy.acceptConnections();
        stream.mark("connections accepted");
        awaitHealth(true, "health up once connections are accepted again");
        stream.awaitProgress("every group handling messages once connections are accepted again", 200,
                resumeWithin());

        assertThat(proxy.cutConnectionCount()).as("connections cut").isPositive();
        stream.finish("connection cuts (" + cuts + " cuts of " + proxy.cutConnectionCount() + " connections, then "
                + outage + ", test " + elapsed(started) + ")", true, resumeWithin());
    }

    private void awaitHealth(boolean up, String what) {
        await(what).atMost(CountedStream.DEADLINE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            BackendHealth health = backend.health();
            assertThat(health.up()).as("%s: %s", what, health.details()).isEqualTo(up);
        });
        stream.mark(what);
    }

    /**
     * Keeps the fault on until it has lasted {@link #outage()}: the length of the outage is the fault
     * itself, not a wait for something to happen.
     */
    private void holdOutage(long since) throws InterruptedException {
        long remaining = outage().toNanos() - (System.nanoTime() - since);
        if (remaining > 0) {
            TimeUnit.NANOSECONDS.sleep(remaining);
        }
    }

    private static String elapsed(long since) {
        return String.format("%.1f s", (System.nanoTime() - since) / 1e9);
    }
}
