package io.kincir.redis;

import java.nio.charset.StandardCharsets;

/**
 * The names of the keys a backend uses, all under its prefix, with the topic between braces so that
 * the topic's stream, requeue streams and delayed messages are told apart whatever the topic and group
 * names (and share a hash slot): {@link io.kincir.spi.Names} allows no brace or colon in a name.
 * {@code move-due.lua} builds the delayed-message names the same way.
 */
final class Keys {

    private final String prefix;

    Keys(String prefix) {
        this.prefix = prefix;
    }

    /** @return the topic's stream, {@code <prefix>{<topic>}} */
    byte[] stream(String topic) {
        return bytes(prefix + "{" + topic + "}");
    }

    /** @return the stream where a group's requeued entries wait, {@code <prefix>{<topic>}:requeue:<group>} */
    byte[] requeue(String topic, String group) {
        return bytes(prefix + "{" + topic + "}:requeue:" + group);
    }

    /** @return the sorted set of the topic's delayed messages by due time, {@code <prefix>{<topic>}:delayed} */
    byte[] delayed(String topic) {
        return bytes(prefix + "{" + topic + "}:delayed");
    }

    /** @return the hash holding one delayed message's fields, {@code <prefix>{<topic>}:delayed:<id>} */
    byte[] delayedMessage(String topic, String id) {
        return bytes(prefix + "{" + topic + "}:delayed:" + id);
    }

    /** @return the sorted set of topics with delayed messages by earliest due time, {@code <prefix>delays} */
    byte[] delays() {
        return bytes(prefix + "delays");
    }

    String prefix() {
        return prefix;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
