package io.kincir.spi;

import java.util.Map;
import java.util.Objects;

/**
 * The rules every backend applies to topic and group names, so that a name one backend accepts works
 * on all of them and never meets a name Kincir makes for itself. A name:
 * <ul>
 * <li>is not empty, and at most {@value #MAX_LENGTH} characters;</li>
 * <li>holds only ASCII letters, digits, {@code .}, {@code _} and {@code -} (the characters of a Kafka
 * topic), and starts with a letter or a digit;</li>
 * <li>has no dot-separated part that Kincir reserves for its own names: {@code rejected} and
 * {@code delay} (RabbitMQ's {@code <topic>.<group>.rejected} and {@code <topic>.delay.<millis>}
 * queues), nor {@code amq} as its first part (RabbitMQ reserves names starting with {@code amq.}).</li>
 * </ul>
 * The length fits every broker with room for the names derived from it: a NATS stream name holds
 * {@code kincir-} and the name with each {@code .} and {@code _} written in three characters, at most
 * 200 in all; a RabbitMQ queue joins topic, group and {@code .rejected} within 255 bytes.
 *
 * <p>Each backend checks a topic when it publishes or subscribes and a group when a subscriber joins
 * it, before anything is sent.
 */
public final class Names {

    /** The longest topic or group name, in characters. */
    public static final int MAX_LENGTH = 64;

    /** The parts Kincir reserves, each with a word a name can take instead. */
    private static final Map<String, String> RESERVED_PARTS = Map.of("rejected", "refused", "delay", "delayed");
    private static final String RESERVED_FIRST_PART = "amq";

    private Names() {
    }

    /**
     * @param topic a topic name
     * @return the name
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it breaks a rule; the message names the topic, the rule and
     *     what to do
     */
    public static String requireTopic(String topic) {
        return require(topic, "topic");
    }

    /**
     * @param group a group name
     * @return the name
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it breaks a rule; the message names the group, the rule and
     *     what to do
     */
    public static String requireGroup(String group) {
        return require(group, "group");
    }

    private static String require(String name, String what) {
        Objects.requireNonNull(name, what);
        String refusal = refusal(name);
        if (refusal != null) {
            throw new IllegalArgumentException("The " + what + " name '" + name + "' " + refusal);
        }
        return name;
    }

    /** @return why the name breaks a rule, or null if it keeps them all */
    private static String refusal(String name) {
        if (name.isBlank()) {
            return "must not be blank. Name it with letters, digits, '.', '_' or '-'";
        }
        if (name.length() > MAX_LENGTH) {
            return "is " + name.length() + " characters, and names are at most " + MAX_LENGTH + " on every backend "
                    + "(NATS writes each '.' and '_' of a stream name in three characters). Use a shorter name";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!allowed(c)) {
                return "holds " + describe(c) + " at index " + i + "; names hold only ASCII letters, digits, '.', '_' "
                        + "and '-' (the characters every backend accepts). Replace it, for instance with '-'";
            }
        }
        if (!Character.isLetterOrDigit(name.charAt(0))) {
            return "starts with '" + name.charAt(0) + "'; names start with a letter or a digit (Kafka reserves "
                    + "'.', '..' and names starting with '__'). Drop the leading '" + name.charAt(0) + "'";
        }
        String[] parts = name.split("\\.", -1);
        if (parts[0].equals(RESERVED_FIRST_PART)) {
            return "has 'amq' as its first part, and RabbitMQ reserves names starting with 'amq.' for its own exchanges "
                    + "and queues (a group's queue is <topic>.<group>). Choose another first part";
        }
        for (String part : parts) {
            if (RESERVED_PARTS.containsKey(part)) {
                return "has the part '" + part + "', which Kincir reserves for names of its own (on RabbitMQ a "
                        + "group's refused messages wait in queue <topic>.<group>.rejected and delayed messages in "
                        + "<topic>.delay.<millis>, so a topic or group named with it could share their queues). "
                        + "Choose another word, such as '" + RESERVED_PARTS.get(part) + "'";
            }
        }
        return null;
    }

    private static boolean allowed(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                || c == '-';
    }

    private static String describe(char c) {
        return Character.isWhitespace(c) || Character.isISOControl(c)
                ? String.format("the character U+%04X", (int) c) : "'" + c + "'";
    }
}
