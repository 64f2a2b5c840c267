package io.kincir.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on the loopback interface that forwards every connection it accepts to one target, so
 * that a test can cut a client's connections to its broker while the broker keeps running:
 * {@link #cutConnections()} closes every open connection, both ways, as a failing network or a
 * restarting load balancer would; {@link #refuseConnections()} closes each new connection as soon as
 * it is accepted, until {@link #acceptConnections()}.
 *
 * <p>Plain sockets, two threads per connection (one per direction) and one accepting thread, all
 * daemons: a test proxies a handful of connections. Thread-safe.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong cut = new AtomicLong();
    private volatile boolean refusing;
    private volatile boolean closed;

    private TcpProxy(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + server.getLocalPort() + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * @param targetHost where to forward to
     * @param targetPort its port
     * @return a proxy listening on a free port of 127.0.0.1
     */
    public static TcpProxy open(String targetHost, int targetPort) {
        return open(0, targetHost, targetPort);
    }

    /**
     * @param port the port to listen on, on 127.0.0.1; 0 for a free one
     * @param targetHost where to forward to
     * @param targetPort its port
     * @return a proxy listening on that port, for a broker that must be told the port before the proxy
     *     opens (a Kafka broker advertises the proxy's address to its clients)
     */
    public static TcpProxy open(int port, String targetHost, int targetPort) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return new TcpProxy(server, new InetSocketAddress(targetHost, targetPort));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on port " + port + " to proxy " + targetHost + ":"
                    + targetPort, e);
        }
    }

    /** @return the host clients connect to: 127.0.0.1 */
    public String host() {
        return server.getInetAddress().getHostAddress();
    }

    /** @return the port clients connect to */
    public int port() {
        return server.getLocalPort();
    }

    /** Closes every connection open now, both ways; new connections are accepted as before. */
    public void cutConnections() {
        for (Link link : links) {
            link.cut();
            cut.incrementAndGet();
        }
    }

    /** Closes every connection open now, and every new one as soon as it is accepted. */
    public void refuseConnections() {
        refusing = true;
        cutConnections();
    }

    /** Forwards new connections again after {@link #refuseConnections()}. */
    public void acceptConnections() {
        refusing = false;
    }

    /** @return how many connections the proxy accepted and forwarded */
    public long acceptedConnections() {
        return accepted.get();
    }

    /** @return how many connections {@link #cutConnections()} closed */
    public long cutConnectionCount() {
        return cut.get();
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // Closing anyway: nothing to do about a failed close of a listening socket.
        }
        links.forEach(Link::cut);
    }

    @Override
    public String toString() {
        return "TcpProxy[" + host() + ":" + port() + " -> " + target.getHostString() + ":" + target.getPort() + "]";
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (refusing) {
                reset(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(target, 5_000);
                // Small messages are passed on at once, as without the proxy, instead of waiting on Nagle.
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
            } catch (IOException e) {
                // The target is down: the client sees its connection closed, as it would see a refusal.
                reset(upstream);
                reset(client);
                continue;
            }
            accepted.incrementAndGet();
            Link link = new Link(client, upstream);
            links.add(link);
            link.start();
        }
    }

    private static void reset(Socket socket) {
        try {
            if (socket.isConnected() && !socket.isClosed()) {
                // A reset rather than an orderly close, as a failing network or a dropped NAT entry looks.
                socket.setSoLinger(true, 0);
            }
        } catch (IOException e) {
            // Closed meanwhile by the other direction's thread: closing below is all that is left.
        }
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing to do about it: the socket is gone either way.
        }
    }

    /** One proxied connection: the client's socket, the target's, and a thread copying each way. */
    private final class Link {

        private final Socket client;
        private final Socket upstream;
        private final AtomicLong openDirections = new AtomicLong(2);

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            pump(client, upstream, "up");
            pump(upstream, client, "down");
        }

        private void pump(Socket from, Socket to, String direction) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[16 * 1024];
                try {
                    InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream();
                    int read;
                    while ((read = in.read(buffer)) >= 0) {
                        out.write(buffer, 0, read);
                    }
                    // An orderly close by one end is passed on as one, so that nothing it sent is lost.
                    to.shutdownOutput();
                    if (openDirections.decrementAndGet() == 0) {
                        links.remove(this);
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                } catch (IOException e) {
                    // Cut, or reset by either end: the other end sees a reset too.
                    cut();
                }
            }, "tcp-proxy-" + server.getLocalPort() + "-" + direction);
            thread.setDaemon(true);
            thread.start();
        }

        /** Resets both connections. */
        void cut() {
            links.remove(this);
            reset(client);
            reset(upstream);
        }

        private void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException e) {
                // Nothing to do about it: the socket is gone either way.
            }
        }
    }
}
