package io.kincir.redis;

import io.kincir.conformance.ExternalServer;
import io.kincir.conformance.SharedServer;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Redis server the tests use (127.0.0.1:6379), shared with other people's runs: every backend
 * made here gets a key prefix of its own, and {@link #deleteKeys()} deletes the keys under the
 * prefixes handed out, and nothing else (never {@code FLUSHDB}).
 */
public final class TestRedis implements SharedServer {

    private final RedisClient client = RedisClient.create(uri());
    private final List<RedisBackend> backends = new CopyOnWriteArrayList<>();
    private final List<String> prefixes = new CopyOnWriteArrayList<>();
    private StatefulRedisConnection<String, String> inspector;

    /** @return the test server's URI */
    public static RedisURI uri() {
        return RedisURI.create(ExternalServer.REDIS.host(), ExternalServer.REDIS.port());
    }

    /** @return settings with a key prefix no other backend uses, after checking that the server runs */
    public RedisSettings settings() {
        ExternalServer.REDIS.require();
        String prefix = "kincir-test-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ":";
        prefixes.add(prefix);
        return RedisSettings.defaults().withKeyPrefix(prefix);
    }

    /** @return a backend on the shared client with default settings and a fresh key prefix */
    public RedisBackend backend() {
        return backend(settings());
    }

    /** @return a backend on the shared client with these settings (their prefix from {@link #settings()}) */
    public RedisBackend backend(RedisSettings settings) {
        RedisBackend backend = RedisBackend.builder().redisClient(client, uri()).settings(settings).build();
        backends.add(backend);
        return backend;
    }

    /** @return plain commands of the test's own, to look at the server */
    public RedisCommands<String, String> inspector() {
        if (inspector == null) {
            ExternalServer.REDIS.require();
            inspector = client.connect();
        }
        return inspector.sync();
    }

    /** Closes the backends made here and deletes every key under the prefixes handed out. */
    public void deleteKeys() {
        backends.forEach(RedisBackend::close);
        backends.clear();
        if (prefixes.isEmpty()) {
            return;
        }
        RedisCommands<String, String> redis = inspector();
        for (String prefix : prefixes) {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(1000));
                if (!page.getKeys().isEmpty()) {
                    redis.unlink(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        }
        prefixes.clear();
    }

    /** {@link #deleteKeys()}, after each test when this is registered as an extension. */
    @Override
    public void clean() {
        deleteKeys();
    }

    @Override
    public void close() {
        try {
            deleteKeys();
        } finally {
            if (inspector != null) {
                inspector.close();
            }
            client.shutdown();
        }
    }
}
