package io.kincir.rabbitmq;

import com.rabbitmq.client.Channel;
import io.kincir.AuthenticationFailedException;
import io.kincir.BackendUnavailableException;
import io.kincir.spi.Failures;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * The exchanges and queues behind topics and groups, declared on first use and remembered, so each is
 * declared once per backend:
 * <ul>
 * <li>a topic is a durable fanout exchange named after it;</li>
 * <li>a group is a durable queue {@code <topic>.<group>} bound to it, whose dead-letter target is the
 * durable queue {@code <topic>.<group>.rejected} (through the default exchange);</li>
 * <li>a private subscriber gets a server-named, exclusive, auto-delete queue bound to it;</li>
 * <li>both have the {@code x-max-priority} of the backend's settings, unless it is 0;</li>
 * <li>a delay of {@code n} milliseconds is a durable queue {@code <topic>.delay.<n>} whose messages
 * expire after {@code n} ms into the topic's exchange; it deletes itself when unused.</li>
 * </ul>
 * {@link io.kincir.spi.Names} keeps every such name within AMQP's 255 bytes, and reserves the parts
 * {@code rejected} and {@code delay}, so that no group's queue is ever one of these.
 */
final class Topology {

    /** A delay queue outlives its last message by this much before the broker deletes it. */
    static final Duration DELAY_QUEUE_IDLE = Duration.ofMinutes(10);

    /**
     * A delay queue is declared again when its last declaration is older than this, which keeps it
     * alive: its idle time ({@code delay + DELAY_QUEUE_IDLE}) then always exceeds the time its newest
     * message waits plus this.
     */
    private static final long REDECLARE_DELAY_QUEUE_NANOS = Duration.ofMinutes(1).toNanos();

    private final AmqpAdmin admin;
    private final ConnectionFactory connectionFactory;
    private final String server;
    private final int maxPriority;
    private final Set<String> exchanges = ConcurrentHashMap.newKeySet();
    private final Set<String> groupQueues = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> delayQueues = new ConcurrentHashMap<>();

    /**
     * @param admin declares through the application's connection
     * @param connectionFactory the backend's, to explain a refused login
     * @param server the server's address, for error messages
     * @param maxPriority the {@code x-max-priority} of group and private queues, or 0 for none
     */
    Topology(AmqpAdmin admin, ConnectionFactory connectionFactory, String server, int maxPriority) {
        this.admin = admin;
        this.connectionFactory = connectionFactory;
        this.server = server;
        this.maxPriority = maxPriority;
    }

    static String groupQueue(String topic, String group) {
        return topic + "." + group;
    }

    static String rejectedQueue(String topic, String group) {
        return groupQueue(topic, group) + ".rejected";
    }

    static String delayQueue(String topic, long delayMillis) {
        return topic + ".delay." + delayMillis;
    }

    /** Declares the topic's exchange unless this backend already did. */
    void declareTopic(String topic) {
        if (exchanges.contains(topic)) {
            return;
        }
        declaring("the exchange of topic '" + topic + "'", () -> admin.declareExchange(exchange(topic)));
        exchanges.add(topic);
    }

    /** Declares the group's queue, its rejected queue and its binding unless this backend already did. */
    String declareGroup(String topic, String group) {
        String queue = groupQueue(topic, group);
        declareTopic(topic);
        if (groupQueues.contains(queue)) {
            return queue;
        }
        String rejected = rejectedQueue(topic, group);
        // The rejected queue first: the broker drops a dead letter whose target does not exist.
        declaring("queue '" + rejected + "' of group '" + group + "'", () -> admin.declareQueue(new Queue(rejected, true, false, false)));
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("x-dead-letter-exchange", "");
        arguments.put("x-dead-letter-routing-key", rejected);
        arguments.putAll(priorityArguments());
        Queue groupQueue = new Queue(queue, true, false, false, arguments);
        declaring("queue '" + queue + "' of group '" + group + "'", () -> admin.declareQueue(groupQueue));
        Binding binding = BindingBuilder.bind(groupQueue).to(exchange(topic));
        declaring("the binding of queue '" + queue + "' to topic '" + topic + "'", () -> admin.declareBinding(binding));
        groupQueues.add(queue);
        return queue;
    }

    /**
     * Declares a private queue on the subscriber's own channel: exclusive queues belong to the connection
     * that declared them, which may not be the admin's.
     */
    String declarePrivate(Channel channel, String topic) throws IOException {
        declareTopic(topic);
        String queue = channel.queueDeclare("", false, true, true, priorityArguments()).getQueue();
        channel.queueBind(queue, topic, "");
        return queue;
    }

    /** Declares the queue that holds messages of the topic for {@code delayMillis}, and keeps it alive. */
    String declareDelay(String topic, long delayMillis) {
        String queue = delayQueue(topic, delayMillis);
        declareTopic(topic);
        Long declaredAt = delayQueues.get(queue);
        long now = System.nanoTime();
        if (declaredAt != null && now - declaredAt < REDECLARE_DELAY_QUEUE_NANOS) {
            return queue;
        }
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("x-dead-letter-exchange", topic);
        arguments.put("x-expires", delayMillis + DELAY_QUEUE_IDLE.toMillis());
        declaring("delay queue '" + queue + "'", () -> admin.declareQueue(new Queue(queue, true, false, false, arguments)));
        delayQueues.put(queue, now);
        return queue;
    }

    /** Forgets a topic whose exchange turned out to be gone, so the next use declares it again. */
    void forgetTopic(String topic) {
        exchanges.remove(topic);
    }

    /** Forgets a group whose queue turned out to be gone, so the next subscription declares it again. */
    void forgetGroup(String topic, String group) {
        exchanges.remove(topic);
        groupQueues.remove(groupQueue(topic, group));
    }

    /** Forgets a delay queue that turned out to be gone, so the next delayed publish declares it again. */
    void forgetDelayQueue(String queue) {
        delayQueues.remove(queue);
    }

    /** Deletes a group's queue and rejected queue with the messages they hold. */
    boolean deleteGroup(String topic, String group) {
        String queue = groupQueue(topic, group);
        groupQueues.remove(queue);
        boolean deleted = admin.deleteQueue(queue);
        admin.deleteQueue(rejectedQueue(topic, group));
        return deleted;
    }

    /** Deletes everything this backend declared (tests use it to leave the server as they found it). */
    void deleteDeclared() {
        for (String queue : List.copyOf(groupQueues)) {
            admin.deleteQueue(queue);
            admin.deleteQueue(queue + ".rejected");
        }
        delayQueues.keySet().forEach(admin::deleteQueue);
        exchanges.forEach(admin::deleteExchange);
        groupQueues.clear();
        delayQueues.clear();
        exchanges.clear();
    }

    private Map<String, Object> priorityArguments() {
        return maxPriority > 0 ? Map.of("x-max-priority", maxPriority) : Map.of();
    }

    private static FanoutExchange exchange(String topic) {
        return new FanoutExchange(topic, true, false);
    }

    private void declaring(String what, Runnable declaration) {
        try {
            declaration.run();
        } catch (AmqpException e) {
            AuthenticationFailedException refused = RefusedLogin.explain(e, connectionFactory);
            throw refused != null ? refused : unavailable(what, e);
        }
    }

    private BackendUnavailableException unavailable(String what, AmqpException failure) {
        if (failure instanceof AmqpConnectException) {
            return new BackendUnavailableException("Cannot reach RabbitMQ at " + server + " to declare " + what + ": "
                    + failure.getMessage() + ". Check that the server runs and spring.rabbitmq.* points at it", failure);
        }
        String reason = Failures.rootMessage(failure);
        if (reason.contains("x-max-priority")) {
            return new BackendUnavailableException("RabbitMQ at " + server + " refused to declare " + what + " with "
                    + (maxPriority > 0 ? "x-max-priority=" + maxPriority : "no x-max-priority") + ": " + reason
                    + ". The queue exists with another x-max-priority (declared before Kincir's priorities, or with "
                    + "another kincir.rabbitmq.max-priority), and RabbitMQ cannot change it on an existing queue. "
                    + "Either set kincir.rabbitmq.max-priority (RabbitSettings.maxPriority) to the queue's value, 0 "
                    + "if it has none (messages with _priority are then refused), or let the group drain, delete the "
                    + "queue and subscribe again to have it declared with priorities", failure);
        }
        return new BackendUnavailableException("RabbitMQ at " + server + " refused to declare " + what + ": "
                + reason + ". If it exists with other settings (declared outside Kincir), delete "
                + "it or use another name", failure);
    }
}
