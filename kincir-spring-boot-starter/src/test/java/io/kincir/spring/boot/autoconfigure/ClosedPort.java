package io.kincir.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** A local port nothing listens on, for tests that prove a backend connects where its properties say. */
final class ClosedPort {

    private ClosedPort() {
    }

    /** @return a port that was free a moment ago, so a connection to it is refused */
    static int find() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
