package io.kincir.benchmarks;

import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys a benchmark makes on the shared Redis, all under one prefix of its own: it empties their
 * streams between iterations and deletes every one of them when closed, and touches no other key
 * (never {@code FLUSHDB}: the server is shared with other people's runs).
 */
final class RedisKeySpace implements AutoCloseable {

    private final String prefix;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    /** @param prefix starts every key the benchmark makes, and no key anyone else makes */
    RedisKeySpace(String prefix) {
        this.prefix = prefix;
        this.client = RedisClient.create(Brokers.redisUri());
        this.connection = client.connect();
    }

    String prefix() {
        return prefix;
    }

    /**
     * Empties every stream under the prefix ({@code XTRIM MAXLEN 0}), keeping its consumer groups and
     * their positions: streams keep every entry, read or not, so a run would otherwise fill the server's
     * memory. Only between iterations, once every entry published was received.
     */
    void trimStreams() {
        RedisCommands<String, String> redis = connection.sync();
        for (String stream : keys(KeyScanArgs.Builder.type("stream"))) {
            redis.xtrim(stream, 0);
        }
    }

    /** @return the keys under the prefix */
    List<String> keys() {
        return keys(new KeyScanArgs());
    }

    private List<String> keys(KeyScanArgs args) {
        RedisCommands<String, String> redis = connection.sync();
        List<String> keys = new ArrayList<>();
        args.match(prefix + "*").limit(1000);
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.scan(cursor, args);
            keys.addAll(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished());
        return keys;
    }

    /** Deletes every key under the prefix (a stream's groups go with it). */
    @Override
    public void close() {
        try {
            List<String> keys = keys();
            if (!keys.isEmpty()) {
                connection.sync().unlink(keys.toArray(String[]::new));
            }
        } finally {
            connection.close();
            client.shutdown();
        }
    }
}
