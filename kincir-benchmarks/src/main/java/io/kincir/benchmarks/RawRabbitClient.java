package io.kincir.benchmarks;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;
import io.kincir.Message;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The raw {@code amqp-client} as an application would use it by hand, with Kincir's RabbitMQ
 * settings: a fanout exchange and a durable queue bound to it; persistent, mandatory messages on a
 * channel in confirm mode, one wait for confirms per batch; a push consumer on a connection of its
 * own with the same prefetch, acknowledging each message.
 *
 * <p>The consumer handles a message only when {@link #receive(int)} asks for it (it blocks in
 * {@code handleDelivery} otherwise, see {@link Demand}), as Kincir's subscriber hands one out only on {@code receive}:
 * so neither drains the queue while a benchmark fills it.
 */
final class RawRabbitClient implements BrokerClient {

    private final String exchange;
    private final String queue;
    private final int prefetch;
    private final Connection publishing;
    private final Connection consuming;
    private final Channel publishChannel;
    private final AtomicInteger returned = new AtomicInteger();
    private Channel consumeChannel;
    private Demand demand;

    /** Declares the exchange and the queue, and joins once. */
    RawRabbitClient(ConnectionFactory factory, String exchange, int prefetch) throws Exception {
        this.exchange = exchange;
        this.queue = exchange + ".raw";
        this.prefetch = prefetch;
        this.publishing = factory.newConnection("kincir-bench-raw-publisher");
        this.consuming = factory.newConnection("kincir-bench-raw-consumer");
        publishChannel = publishing.createChannel();
        publishChannel.exchangeDeclare(exchange, BuiltinExchangeType.FANOUT, true);
        publishChannel.queueDeclare(queue, true, false, false, null);
        publishChannel.queueBind(queue, exchange, "");
        publishChannel.confirmSelect();
        publishChannel.addReturnListener(message -> returned.incrementAndGet());
        join();
    }

    @Override
    public void join() throws IOException {
        if (consumeChannel != null) {
            return;
        }
        Demand asked = new Demand();
        Channel channel = consuming.createChannel();
        channel.basicQos(prefetch);
        channel.basicConsume(queue, false, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                    throws IOException {
                if (asked.awaitTurn()) {
                    getChannel().basicAck(envelope.getDeliveryTag(), false);
                    asked.took(body.length);
                }
            }
        });
        demand = asked;
        consumeChannel = channel;
    }

    @Override
    public void publish(List<Message> batch) throws Exception {
        returned.set(0);
        for (Message message : batch) {
            publishChannel.basicPublish(exchange, "", true, MessageProperties.PERSISTENT_BASIC, message.payload());
        }
        publishChannel.waitForConfirmsOrDie(30_000);
        if (returned.get() > 0) {
            throw new IllegalStateException("RabbitMQ returned " + returned.get() + " messages: queue '" + queue
                    + "' is not bound to exchange '" + exchange + "'");
        }
    }

    @Override
    public long receive(int count) {
        return demand.awaitTaken(count);
    }

    /** Closes the consumer's channel: the broker requeues what it had prefetched and not been asked for. */
    @Override
    public void leave() throws IOException {
        if (consumeChannel == null) {
            return;
        }
        demand.releaseAll();
        try {
            consumeChannel.close();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("Closing the consumer's channel timed out", e);
        }
        consumeChannel = null;
    }

    @Override
    public void purge() throws IOException {
        publishChannel.queuePurge(queue);
    }

    @Override
    public void close() throws IOException {
        try {
            leave();
            publishChannel.queueDelete(queue);
            publishChannel.exchangeDelete(exchange);
        } finally {
            consuming.close();
            publishing.close();
        }
    }
}
