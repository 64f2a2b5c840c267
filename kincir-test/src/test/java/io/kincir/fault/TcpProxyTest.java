package io.kincir.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy forwards both ways, cuts what is open, and refuses new connections while told to. */
class TcpProxyTest {

    private ServerSocket echoServer;
    private TcpProxy proxy;

    @BeforeEach
    void startEchoServer() throws IOException {
        echoServer = new ServerSocket(0);
        Thread echo = new Thread(() -> {
            while (!echoServer.isClosed()) {
                try {
                    Socket connection = echoServer.accept();
                    Thread copy = new Thread(() -> {
                        try (connection; InputStream in = connection.getInputStream();
                                OutputStream out = connection.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException e) {
                            // The proxy cut it: nothing more to echo.
                        }
                    });
                    copy.setDaemon(true);
                    copy.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        echo.setDaemon(true);
        echo.start();
        proxy = TcpProxy.open("127.0.0.1", echoServer.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echoServer.close();
    }

    @Test
    void forwardsBothWays() throws IOException {
        try (Socket client = new Socket(proxy.host(), proxy.port())) {
            assertThat(roundTrip(client, "hello")).isEqualTo("hello");
            assertThat(roundTrip(client, "again")).isEqualTo("again");
        }
        assertThat(proxy.acceptedConnections()).isEqualTo(1);
    }

    @Test
    void cuttingResetsOpenConnectionsAndAcceptsNewOnes() throws IOException {
        try (Socket client = new Socket(proxy.host(), proxy.port())) {
            assertThat(roundTrip(client, "before")).isEqualTo("before");

            proxy.cutConnections();

            assertThatThrownBy(() -> {
                roundTrip(client, "after");
                roundTrip(client, "after");
            }).isInstanceOf(IOException.class);
        }
        assertThat(proxy.cutConnectionCount()).isEqualTo(1);
        try (Socket client = new Socket(proxy.host(), proxy.port())) {
            assertThat(roundTrip(client, "new")).isEqualTo("new");
        }
    }

    @Test
    void refusesNewConnectionsUntilToldToAcceptAgain() throws IOException {
        proxy.refuseConnections();
        try (Socket client = new Socket(proxy.host(), proxy.port())) {
            assertThatThrownBy(() -> {
                roundTrip(client, "refused");
                roundTrip(client, "refused");
            }).isInstanceOf(IOException.class);
        }

        proxy.acceptConnections();
        try (Socket client = new Socket(proxy.host(), proxy.port())) {
            assertThat(roundTrip(client, "accepted")).isEqualTo("accepted");
        }
    }

    /** @return what came back, or throws once the connection is gone (a read at its end is a failure too) */
    private static String roundTrip(Socket client, String text) throws IOException {
        byte[] sent = text.getBytes(StandardCharsets.UTF_8);
        client.getOutputStream().write(sent);
        client.getOutputStream().flush();
        byte[] received = client.getInputStream().readNBytes(sent.length);
        if (received.length < sent.length) {
            throw new IOException("The connection ended after " + received.length + " bytes");
        }
        return new String(received, StandardCharsets.UTF_8);
    }
}
