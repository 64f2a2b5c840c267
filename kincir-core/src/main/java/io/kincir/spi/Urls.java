package io.kincir.spi;

import java.util.regex.Pattern;

/**
 * Server addresses as a backend may show them — in health details, exception messages, logs and
 * {@code toString()} — without the user, password or token a URL can carry
 * ({@code nats://user:secret@host:4222}, {@code redis://:secret@host:6379}).
 */
public final class Urls {

    /** A scheme's {@code //}, then user information up to the last {@code @} before the host. */
    private static final Pattern USER_INFO = Pattern.compile("(?<=//)[^/?#,\\s]*@");

    private Urls() {
    }

    /**
     * @param urls one URL, or several separated by commas
     * @return the same with any user information replaced by {@code ****}
     */
    public static String withoutCredentials(String urls) {
        return urls == null ? null : USER_INFO.matcher(urls).replaceAll("****@");
    }
}
