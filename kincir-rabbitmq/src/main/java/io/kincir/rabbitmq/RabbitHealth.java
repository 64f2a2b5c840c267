package io.kincir.rabbitmq;

import io.kincir.BackendHealth;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/** Up with the broker's product and version when a connection opens; down with the reason otherwise. */
final class RabbitHealth {

    private RabbitHealth() {
    }

    static BackendHealth check(ConnectionFactory factory, String server, int subscribers) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("backend", "rabbitmq");
        details.put("server", server);
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
                return BackendHealth.up(details);
            } finally {
                connection.close();
            }
        } catch (RuntimeException e) {
            return BackendHealth.down("Cannot connect to RabbitMQ at " + server + ": " + Topology.rootMessage(e)
                    + ". Check that the server runs and that spring.rabbitmq.* points at it", details);
        }
    }
}
