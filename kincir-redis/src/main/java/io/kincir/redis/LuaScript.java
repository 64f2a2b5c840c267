package io.kincir.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One of the backend's Lua scripts (the {@code .lua} files next to this class), sent by its SHA-1 and
 * loaded with {@code EVAL} only when the server does not know it yet (after a restart or a
 * {@code SCRIPT FLUSH}).
 */
final class LuaScript {

    static final LuaScript DELAY = load("delay.lua", ScriptOutputType.INTEGER);
    static final LuaScript MOVE_DUE = load("move-due.lua", ScriptOutputType.INTEGER);
    static final LuaScript REQUEUE = load("requeue.lua", ScriptOutputType.INTEGER);
    static final LuaScript CLAIM = load("claim.lua", ScriptOutputType.MULTI);
    static final LuaScript KEEP_HELD = load("keep-held.lua", ScriptOutputType.MULTI);
    static final LuaScript RELEASE_CONSUMER = load("release-consumer.lua", ScriptOutputType.INTEGER);

    private final String name;
    private final byte[] source;
    private final String sha;
    private final ScriptOutputType output;

    private LuaScript(String name, byte[] source, ScriptOutputType output) {
        this.name = name;
        this.source = source;
        this.output = output;
        try {
            this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-1", e);
        }
    }

    private static LuaScript load(String name, ScriptOutputType output) {
        try (InputStream in = LuaScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The script " + name + " is missing from the kincir-redis jar");
            }
            return new LuaScript(name, in.readAllBytes(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the script " + name, e);
        }
    }

    /**
     * @param commands the connection to run it on
     * @param keys the keys it declares
     * @param args its arguments
     * @param <T> what it returns: {@code Long} for an integer, {@code List<Object>} of {@code byte[]},
     *     {@code Long} and lists for a multi-bulk reply
     * @return its reply
     */
    <T> CompletableFuture<T> run(RedisAsyncCommands<byte[], byte[]> commands, byte[][] keys, byte[]... args) {
        CompletableFuture<T> bySha = commands.<T>evalsha(sha, output, keys, args).toCompletableFuture();
        return bySha.exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof RedisNoScriptException) {
                return commands.<T>eval(source, output, keys, args).toCompletableFuture();
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    @Override
    public String toString() {
        return name + " " + sha;
    }
}
