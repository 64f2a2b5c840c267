package io.kincir.rabbitmq;

import io.kincir.AuthenticationFailedException;
import io.kincir.BackendHealth;
import io.kincir.spi.Failures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * Up with the broker's product and version when a connection opens; down with the reason otherwise, and
 * down while a consumer the broker cancelled has not consumed again: its messages are not being received.
 */
final class RabbitHealth {

    private RabbitHealth() {
    }

    /**
     * @param cancelled the subscribers' consumers the broker cancelled and that do not consume again yet,
     *     such as {@code group 'billing' on topic 'orders'}
     * @param expired messages subscribers skipped past their {@code _ttl} (those the broker expired in a
     *     queue are the broker's to count)
     */
    static BackendHealth check(ConnectionFactory factory, String server, int subscribers, List<String> cancelled,
            long expired) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("backend", "rabbitmq");
        details.put("server", server);
        details.put("expired", expired);
        try {
            Connection connection = factory.createConnection();
            try {
                if (!connection.isOpen()) {
                    return BackendHealth.down("The connection to RabbitMQ at " + server + " is closed", details);
                }
                Map<String, Object> properties = connection.getDelegate().getServerProperties();
                details.put("product", String.valueOf(properties.get("product")));
                details.put("version", String.valueOf(properties.get("version")));
                details.put("connection", "open");
                details.put("subscribers", subscribers);
                if (!cancelled.isEmpty()) {
                    details.put("cancelledConsumers", List.copyOf(cancelled));
                    return BackendHealth.down("RabbitMQ cancelled the consumer of " + String.join(", ", cancelled)
                            + " (its queue was deleted, or its node went down), so nothing is received from it. "
                            + "A subscriber consumes again, declaring a group's queue again, on its next receive",
                            details);
                }
                return BackendHealth.up(details);
            } finally {
                connection.close();
            }
        } catch (RuntimeException e) {
            AuthenticationFailedException refused = RefusedLogin.explain(e, factory);
            if (refused != null) {
                return BackendHealth.down(refused.getMessage(), details);
            }
            return BackendHealth.down("Cannot connect to RabbitMQ at " + server + ": " + Failures.rootMessage(e)
                    + ". Check that the server runs and that spring.rabbitmq.* points at it", details);
        }
    }
}
