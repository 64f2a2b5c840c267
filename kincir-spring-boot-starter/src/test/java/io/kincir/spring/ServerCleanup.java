package io.kincir.spring;

import io.kincir.conformance.ExternalServer;
import io.kincir.nats.NatsBackend;
import io.kincir.rabbitmq.RabbitBackend;
import io.kincir.redis.RedisBackend;
import io.kincir.redis.TestRedis;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * For a Spring test class on a shared server: requires the server before the class (skipped, or
 * failed under {@code CI=true}, when it is not running), and deletes what the context's backend
 * declared after it, so the server does not fill up with test topics across runs. Register it with
 * {@code @RegisterExtension static final ServerCleanup CLEANUP = ServerCleanup.rabbitmq();}.
 */
public final class ServerCleanup implements BeforeAllCallback, AfterAllCallback {

    private final ExternalServer server;
    private final Consumer<ApplicationContext> deleteDeclared;
    private final TestRedis redis;

    private ServerCleanup(ExternalServer server, Consumer<ApplicationContext> deleteDeclared, TestRedis redis) {
        this.server = server;
        this.deleteDeclared = deleteDeclared;
        this.redis = redis;
    }

    /** @return the clean-up of the RabbitMQ server on 127.0.0.1:5672 */
    public static ServerCleanup rabbitmq() {
        return new ServerCleanup(ExternalServer.RABBITMQ,
                context -> context.getBean(RabbitBackend.class).deleteDeclared(), null);
    }

    /** @return the clean-up of the NATS server on 127.0.0.1:4222 */
    public static ServerCleanup nats() {
        return new ServerCleanup(ExternalServer.NATS,
                context -> context.getBean(NatsBackend.class).deleteDeclared(), null);
    }

    /**
     * @return the clean-up of the Redis server on 127.0.0.1:6379, whose keys carry a prefix of the run's
     *     own ({@link #redisKeyPrefix}): closes the context's backend first, so that none of its threads
     *     writes a key after they are deleted, then deletes the prefix's keys
     */
    public static ServerCleanup redis() {
        TestRedis redis = new TestRedis();
        return new ServerCleanup(ExternalServer.REDIS, context -> {
            try {
                context.getBean(RedisBackend.class).close();
            } finally {
                redis.close();
            }
        }, redis);
    }

    /**
     * Sets {@code kincir.redis.key-prefix} to the run's own prefix; call it from the test class's
     * {@code @DynamicPropertySource} method.
     *
     * @param registry the test's dynamic properties
     */
    public void redisKeyPrefix(DynamicPropertyRegistry registry) {
        registry.add("kincir.redis.key-prefix", () -> redis.settings().keyPrefix());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server.require();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server.reachable()) {
            deleteDeclared.accept(SpringExtension.getApplicationContext(context));
        }
    }
}
