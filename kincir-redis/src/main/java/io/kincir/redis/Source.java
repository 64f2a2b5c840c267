package io.kincir.redis;

/**
 * A stream a member reads for one of its topics: the topic's own stream, or its group's requeue stream.
 *
 * @param topic the topic
 * @param key the stream's key
 * @param requeue whether it is the group's requeue stream, whose entries are deleted once settled
 *     (no other group reads them)
 */
record Source(String topic, byte[] key, boolean requeue) {

    String keyText() {
        return new String(key, java.nio.charset.StandardCharsets.UTF_8);
    }
}
