package io.kincir.spring.boot.autoconfigure;

import io.kincir.listener.AckMode;
import io.kincir.listener.RetryPolicy;
import io.kincir.memory.InMemoryConfig;
import io.kincir.spring.InvalidKincirListenerException;
import io.kincir.spring.KincirListenerDefaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Kincir's settings under {@code kincir.*}. Connection settings of the external backends are not
 * repeated here: the Kafka backend uses {@code spring.kafka.*}, the RabbitMQ backend
 * {@code spring.rabbitmq.*}.
 */
@ConfigurationProperties("kincir")
public class KincirProperties {

    /**
     * Backend that carries the messages: the name a backend module on the classpath registers, such as
     * in-memory, kafka or rabbitmq, in any case and with any separators. Unset, the only backend module on
     * the classpath besides in-memory, or in-memory when there is none; several fail the start-up.
     */
    private String backend;

    private final Memory memory = new Memory();

    private final Rabbitmq rabbitmq = new Rabbitmq();

    private final Listener listener = new Listener();

    private final Template template = new Template();

    private final Reply reply = new Reply();

    private final Kafka kafka = new Kafka();

    private final Redis redis = new Redis();

    private final Nats nats = new Nats();

    private final DeadLetterReader deadLetters = new DeadLetterReader();

    private final Health health = new Health();

    private final Console console = new Console();

    private final Observation observation = new Observation();

    public String getBackend() {
        return backend;
    }

    public void setBackend(String backend) {
        this.backend = backend;
    }

    public Memory getMemory() {
        return memory;
    }

    public Rabbitmq getRabbitmq() {
        return rabbitmq;
    }

    public Listener getListener() {
        return listener;
    }

    public Template getTemplate() {
        return template;
    }

    public Reply getReply() {
        return reply;
    }

    public Kafka getKafka() {
        return kafka;
    }

    public Redis getRedis() {
        return redis;
    }

    public Nats getNats() {
        return nats;
    }

    public DeadLetterReader getDeadLetters() {
        return deadLetters;
    }

    public Health getHealth() {
        return health;
    }

    public Console getConsole() {
        return console;
    }

    public Observation getObservation() {
        return observation;
    }

    /** The console page over the {@code kincir} Actuator endpoint. */
    public static class Console {

        /**
         * Whether to serve the console page at /kincir/console/. It is served only in a servlet web
         * application where the kincir endpoint is exposed over HTTP, and its buttons are the endpoint's
         * write and delete operations, allowed to whoever the application's security allows them.
         */
        private boolean enabled;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /**
     * Reading dead letters to list, replay and purge them ({@code io.kincir.deadletter.DeadLetters}, the
     * {@code kincir} endpoint), in the group {@code kincir.listener.dead-letter-group}.
     */
    public static class DeadLetterReader {

        /** How long one operation waits for one more dead letter before it takes what it read as all there is. */
        private Duration quietPeriod = Duration.ofMillis(500);

        /** Most dead letters one operation reads per topic; more wait for the next operation. */
        private int maxMessages = 1_000;

        public Duration getQuietPeriod() {
            return quietPeriod;
        }

        public void setQuietPeriod(Duration quietPeriod) {
            this.quietPeriod = quietPeriod;
        }

        public int getMaxMessages() {
            return maxMessages;
        }

        public void setMaxMessages(int maxMessages) {
            this.maxMessages = maxMessages;
        }
    }

    /** The {@code kincir} health contributor. */
    public static class Health {

        /**
         * Whether a stopped listener makes the health DOWN. A listener is stopped on purpose (autoStartup false,
         * or through the kincir endpoint), and Spring Kafka and Spring AMQP leave a stopped listener container
         * out of health as well; a running listener short of consumers is DOWN either way.
         */
        private boolean stoppedListenerDown;

        public boolean isStoppedListenerDown() {
            return stoppedListenerDown;
        }

        public void setStoppedListenerDown(boolean stoppedListenerDown) {
            this.stoppedListenerDown = stoppedListenerDown;
        }
    }

    /** Defaults for every {@code @KincirListener}; an annotation attribute overrides its property. */
    public static class Listener {

        /** Consumer threads per topic of each listener. */
        private int concurrency = 1;

        /** When a listener acknowledges a message: after handling it (at-least-once) or before (at-most-once). */
        private AckMode ackMode = AckMode.AT_LEAST_ONCE;

        private final Retry retry = new Retry();

        private final Backoff backoff = new Backoff();

        /** Appended to a topic to name its dead-letter topic. */
        private String deadLetterSuffix = ".dlq";

        /** Durable group that keeps dead letters on each dead-letter topic until someone reads them. */
        private String deadLetterGroup = "kincir-dead-letters";

        /**
         * Attempts to publish a message to its dead-letter topic, the first included, waiting the recovery
         * interval in between, before the message is parked: acknowledged, kept on the listener and shown
         * in health.
         */
        private int deadLetterAttempts = 3;

        /** How long a consumer waits for a message before it checks whether to stop; a stop also wakes it. */
        private Duration pollTimeout = Duration.ofSeconds(1);

        /**
         * How long a graceful stop lets handlers in flight finish before interrupting them; unset, the
         * shutdown phase timeout (spring.lifecycle.timeout-per-shutdown-phase) less 5 s, at least half of
         * it, so that listeners have stopped before the backend closes.
         */
        private Duration shutdownTimeout;

        /** How long a consumer waits before subscribing again after receiving failed. */
        private Duration recoveryInterval = Duration.ofSeconds(5);

        /** Whether listeners start with the application. */
        private boolean autoStartup = true;

        /** Most messages a batch listener (a method taking a List) gets at once. */
        private int batchSize = 100;

        /** How long after the first message of a batch a batch listener waits for more before it takes fewer. */
        private Duration batchTimeout = Duration.ofSeconds(1);

        public Listener() {
            backoff.retry = retry;
        }

        /** @return these settings as the defaults of every listener, under Spring Boot's default shutdown phase */
        public KincirListenerDefaults toDefaults() {
            return toDefaults(ListenerShutdownTimeout.DEFAULT_SHUTDOWN_PHASE);
        }

        /**
         * @param shutdownPhaseTimeout how long the application context waits for the listeners to stop
         *     ({@code spring.lifecycle.timeout-per-shutdown-phase}) before it closes the backend
         * @return these settings as the defaults of every listener
         * @throws io.kincir.spring.InvalidKincirListenerException if the shutdown timeout does not fit the phase,
         *     or the retry settings make no policy
         */
        public KincirListenerDefaults toDefaults(Duration shutdownPhaseTimeout) {
            return new KincirListenerDefaults(concurrency, ackMode, retry.toPolicy(), deadLetterSuffix,
                    deadLetterGroup, deadLetterAttempts, pollTimeout,
                    ListenerShutdownTimeout.within(shutdownTimeout, shutdownPhaseTimeout), recoveryInterval,
                    autoStartup).withBatch(batchSize, batchTimeout);
        }

        public int getConcurrency() {
            return concurrency;
        }

        public void setConcurrency(int concurrency) {
            this.concurrency = concurrency;
        }

        public AckMode getAckMode() {
            return ackMode;
        }

        public void setAckMode(AckMode ackMode) {
            this.ackMode = ackMode;
        }

        public Retry getRetry() {
            return retry;
        }

        /** @return {@code retry.max-attempts} */
        @Deprecated(since = "0.1.0")
        @DeprecatedConfigurationProperty(replacement = "kincir.listener.retry.max-attempts", since = "0.1.0")
        public int getMaxAttempts() {
            return retry.getMaxAttempts();
        }

        @Deprecated(since = "0.1.0")
        public void setMaxAttempts(int maxAttempts) {
            retry.setMaxAttempts(maxAttempts);
        }

        /** @return the old names of {@code retry.delay}, {@code retry.multiplier} and {@code retry.max-delay} */
        @Deprecated(since = "0.1.0")
        public Backoff getBackoff() {
            return backoff;
        }

        public String getDeadLetterSuffix() {
            return deadLetterSuffix;
        }

        public void setDeadLetterSuffix(String deadLetterSuffix) {
            this.deadLetterSuffix = deadLetterSuffix;
        }

        public String getDeadLetterGroup() {
            return deadLetterGroup;
        }

        public void setDeadLetterGroup(String deadLetterGroup) {
            this.deadLetterGroup = deadLetterGroup;
        }

        public int getDeadLetterAttempts() {
            return deadLetterAttempts;
        }

        public void setDeadLetterAttempts(int deadLetterAttempts) {
            this.deadLetterAttempts = deadLetterAttempts;
        }

        public Duration getPollTimeout() {
            return pollTimeout;
        }

        public void setPollTimeout(Duration pollTimeout) {
            this.pollTimeout = pollTimeout;
        }

        public Duration getShutdownTimeout() {
            return shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }

        public Duration getRecoveryInterval() {
            return recoveryInterval;
        }

        public void setRecoveryInterval(Duration recoveryInterval) {
            this.recoveryInterval = recoveryInterval;
        }

        public boolean isAutoStartup() {
            return autoStartup;
        }

        public void setAutoStartup(boolean autoStartup) {
            this.autoStartup = autoStartup;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public Duration getBatchTimeout() {
            return batchTimeout;
        }

        public void setBatchTimeout(Duration batchTimeout) {
            this.batchTimeout = batchTimeout;
        }

        /**
         * How listeners retry a failed message, in Spring Framework 7's terms: {@code delay} after the
         * first failed attempt, multiplied by {@code multiplier} after each further one, at most
         * {@code max-delay}, each moved by up to {@code jitter}; which failures are retried at all by
         * {@code retryable} and {@code not-retryable}.
         */
        public static class Retry {

            /** Attempts to handle a message, the first included, before it goes to the dead-letter topic. */
            private int maxAttempts = 3;

            /** Wait after the first failed attempt. */
            private Duration delay = Duration.ofSeconds(1);

            /** What each wait is multiplied by for the next; 1.0 for a fixed back-off. */
            private double multiplier = 2.0;

            /** Longest wait between two attempts. */
            private Duration maxDelay = Duration.ofSeconds(10);

            /**
             * How far each wait may move either way, at random, so that listeners that failed together do
             * not retry together: after the first attempt up to this much longer, then ± this much times
             * how many times the delay the wait has grown to (jitter 100ms: the 2 s wait of a 1 s delay
             * falls within 1.8 s to 2.2 s), never below the delay nor above the maximum, as Spring
             * Framework's ExponentialBackOff does. 0 for none.
             */
            private Duration jitter = Duration.ZERO;

            /**
             * Comma-separated list of exception types to retry, matched anywhere in the failure's cause
             * chain; when set, a failure with none of them is dead-lettered after its first attempt. Empty:
             * every failure is retried unless not-retryable.
             */
            private List<Class<? extends Throwable>> retryable = new ArrayList<>();

            /**
             * Comma-separated list of exception types never to retry, matched anywhere in the failure's
             * cause chain: such a failure is dead-lettered after its first attempt. Wins over retryable. A payload that cannot be
             * converted is never retried, whatever these say.
             */
            private List<Class<? extends Throwable>> notRetryable = new ArrayList<>();

            /**
             * @return these settings as a retry policy
             * @throws io.kincir.spring.InvalidKincirListenerException if they make none, naming the setting
             */
            RetryPolicy toPolicy() {
                try {
                    return RetryPolicy.of(maxAttempts, delay, multiplier, maxDelay).withJitter(jitter)
                            .withRetryable(retryable).withNotRetryable(notRetryable);
                } catch (IllegalArgumentException | NullPointerException e) {
                    throw new InvalidKincirListenerException("The kincir.listener.retry.* properties (max-attempts "
                            + maxAttempts + ", delay " + delay + ", multiplier " + multiplier + ", max-delay "
                            + maxDelay + ", jitter " + jitter + ") are not a retry policy: " + e.getMessage() + ".",
                            "Set kincir.listener.retry.max-attempts to at least 1, multiplier to at least 1.0, delay "
                            + "and jitter to durations that are not negative, max-delay to no less than delay, and "
                            + "retryable and not-retryable to exception classes");
                }
            }

            public int getMaxAttempts() {
                return maxAttempts;
            }

            public void setMaxAttempts(int maxAttempts) {
                this.maxAttempts = maxAttempts;
            }

            public Duration getDelay() {
                return delay;
            }

            public void setDelay(Duration delay) {
                this.delay = delay;
            }

            public double getMultiplier() {
                return multiplier;
            }

            public void setMultiplier(double multiplier) {
                this.multiplier = multiplier;
            }

            public Duration getMaxDelay() {
                return maxDelay;
            }

            public void setMaxDelay(Duration maxDelay) {
                this.maxDelay = maxDelay;
            }

            public Duration getJitter() {
                return jitter;
            }

            public void setJitter(Duration jitter) {
                this.jitter = jitter;
            }

            public List<Class<? extends Throwable>> getRetryable() {
                return retryable;
            }

            public void setRetryable(List<Class<? extends Throwable>> retryable) {
                this.retryable = retryable;
            }

            public List<Class<? extends Throwable>> getNotRetryable() {
                return notRetryable;
            }

            public void setNotRetryable(List<Class<? extends Throwable>> notRetryable) {
                this.notRetryable = notRetryable;
            }
        }

        /**
         * The old names of three retry settings, still read: {@code initial}, {@code multiplier} and
         * {@code max} set {@code retry.delay}, {@code retry.multiplier} and {@code retry.max-delay}.
         */
        @Deprecated(since = "0.1.0")
        public static class Backoff {

            private Retry retry;

            /** @return {@code retry.delay} */
            @DeprecatedConfigurationProperty(replacement = "kincir.listener.retry.delay", since = "0.1.0")
            public Duration getInitial() {
                return retry.getDelay();
            }

            public void setInitial(Duration initial) {
                retry.setDelay(initial);
            }

            /** @return {@code retry.multiplier} */
            @DeprecatedConfigurationProperty(replacement = "kincir.listener.retry.multiplier", since = "0.1.0")
            public double getMultiplier() {
                return retry.getMultiplier();
            }

            public void setMultiplier(double multiplier) {
                retry.setMultiplier(multiplier);
            }

            /** @return {@code retry.max-delay} */
            @DeprecatedConfigurationProperty(replacement = "kincir.listener.retry.max-delay", since = "0.1.0")
            public Duration getMax() {
                return retry.getMaxDelay();
            }

            public void setMax(Duration max) {
                retry.setMaxDelay(max);
            }
        }
    }

    /** The {@code KincirTemplate} bean. */
    public static class Template {

        /**
         * Topic the template's replies come to. Unset, kincir.replies.<spring.application.name>, shared by the
         * application's instances, each keeping only the replies to its own requests.
         */
        private String replyTopic;

        public String getReplyTopic() {
            return replyTopic;
        }

        public void setReplyTopic(String replyTopic) {
            this.replyTopic = replyTopic;
        }
    }

    /** Where {@code @KincirListener} methods may publish their return values when a request asks. */
    public static class Reply {

        /**
         * Comma-separated list of topics a request's reply_to may name, as names or patterns where * stands
         * for any characters: a request whose reply_to matches none is dead-lettered unhandled. By default the
         * reply topics of Kincir's templates, under kincir.replies.; the application's own
         * kincir.template.reply-topic is always allowed.
         */
        private List<String> allowedTopics = new ArrayList<>(KincirListenerDefaults.DEFAULT_ALLOWED_REPLY_TOPICS);

        public List<String> getAllowedTopics() {
            return allowedTopics;
        }

        public void setAllowedTopics(List<String> allowedTopics) {
            this.allowedTopics = allowedTopics;
        }
    }

    /** The in-memory broker, used when {@code kincir.backend} is {@code in-memory}. */
    public static class Memory {

        /** Most messages one subscriber group of a topic may hold waiting, so a group nobody reads cannot fill the heap; 0 for unlimited. */
        private int maxQueueSize = 100_000;

        /** Most topics the broker holds (topics are never removed); 0 for unlimited. */
        private int maxTopics = 10_000;

        /** Whether messages get a per-topic _sequence and are delivered in that order. */
        private boolean maintainOrder = true;

        /** How long a message may wait before it expires undelivered; unset for no expiry. */
        private Duration messageTtl;

        /** How often expired messages are removed from the queues; 0 for never. */
        private Duration cleanupInterval = Duration.ofSeconds(60);

        /** Whether to count published and consumed messages. */
        private boolean stats = false;

        /** Most subscribers one topic may have, over all groups; 0 for unlimited. */
        private int maxSubscribersPerTopic = 0;

        /** How long a publish waits for room in a full queue before failing; 0 to fail at once. */
        private Duration publishTimeout = Duration.ZERO;

        /**
         * How long a receiver that finds nothing keeps polling before it parks its thread; 0 to park
         * at once. Unset: 20µs, or 0 on a single-CPU machine.
         */
        private Duration receiverSpin;

        /** @return these settings as the broker's configuration */
        public InMemoryConfig toConfig() {
            InMemoryConfig defaults = InMemoryConfig.defaults();
            return (receiverSpin == null ? defaults : defaults.withReceiverSpin(receiverSpin))
                    .withMaxQueueSize(maxQueueSize)
                    .withMaxTopics(maxTopics)
                    .withMaintainOrder(maintainOrder)
                    .withMessageTtl(messageTtl)
                    .withCleanupInterval(cleanupInterval)
                    .withStats(stats)
                    .withMaxSubscribersPerTopic(maxSubscribersPerTopic)
                    .withPublishTimeout(publishTimeout);
        }

        public int getMaxQueueSize() {
            return maxQueueSize;
        }

        public void setMaxQueueSize(int maxQueueSize) {
            this.maxQueueSize = maxQueueSize;
        }

        public int getMaxTopics() {
            return maxTopics;
        }

        public void setMaxTopics(int maxTopics) {
            this.maxTopics = maxTopics;
        }

        public boolean isMaintainOrder() {
            return maintainOrder;
        }

        public void setMaintainOrder(boolean maintainOrder) {
            this.maintainOrder = maintainOrder;
        }

        public Duration getMessageTtl() {
            return messageTtl;
        }

        public void setMessageTtl(Duration messageTtl) {
            this.messageTtl = messageTtl;
        }

        public Duration getCleanupInterval() {
            return cleanupInterval;
        }

        public void setCleanupInterval(Duration cleanupInterval) {
            this.cleanupInterval = cleanupInterval;
        }

        public boolean isStats() {
            return stats;
        }

        public void setStats(boolean stats) {
            this.stats = stats;
        }

        public int getMaxSubscribersPerTopic() {
            return maxSubscribersPerTopic;
        }

        public void setMaxSubscribersPerTopic(int maxSubscribersPerTopic) {
            this.maxSubscribersPerTopic = maxSubscribersPerTopic;
        }

        public Duration getPublishTimeout() {
            return publishTimeout;
        }

        public void setPublishTimeout(Duration publishTimeout) {
            this.publishTimeout = publishTimeout;
        }

        public Duration getReceiverSpin() {
            return receiverSpin;
        }

        public void setReceiverSpin(Duration receiverSpin) {
            this.receiverSpin = receiverSpin;
        }
    }

    /**
     * Kincir's own settings of the RabbitMQ backend, used when {@code kincir.backend} is
     * {@code rabbitmq}; the connection itself is configured by {@code spring.rabbitmq.*}.
     */
    public static class Rabbitmq {

        /** Most unacknowledged deliveries the broker pushes to one subscriber per topic. */
        private int prefetch = 250;

        /** Whether publishing to a topic that no group subscribed to fails (true) or is dropped by the broker (false). */
        private boolean mandatory = true;

        /** How long a publish waits for the broker to confirm its messages. */
        private Duration confirmTimeout = Duration.ofSeconds(30);

        /** Whether messages are persistent, written to disk in durable queues. */
        private boolean persistent = true;

        /**
         * x-max-priority of the queues Kincir declares, 1 to 9, so that _priority is honoured; 0 declares
         * them without it (as before priorities: set it to use queues declared so) and refuses _priority.
         */
        private int maxPriority = 9;

        public int getPrefetch() {
            return prefetch;
        }

        public void setPrefetch(int prefetch) {
            this.prefetch = prefetch;
        }

        public boolean isMandatory() {
            return mandatory;
        }

        public void setMandatory(boolean mandatory) {
            this.mandatory = mandatory;
        }

        public Duration getConfirmTimeout() {
            return confirmTimeout;
        }

        public void setConfirmTimeout(Duration confirmTimeout) {
            this.confirmTimeout = confirmTimeout;
        }

        public boolean isPersistent() {
            return persistent;
        }

        public void setPersistent(boolean persistent) {
            this.persistent = persistent;
        }

        public int getMaxPriority() {
            return maxPriority;
        }

        public void setMaxPriority(int maxPriority) {
            this.maxPriority = maxPriority;
        }
    }

    /**
     * Kincir's own settings of the Kafka backend, used when {@code kincir.backend} is {@code kafka}.
     * Connection, security, producer and consumer settings are Spring Boot's {@code spring.kafka.*}.
     */
    public static class Kafka {

        /** Partitions of each topic Kincir creates; -1 for the broker's num.partitions. */
        private int partitions = 4;

        /** Replicas of each topic Kincir creates; -1 for the broker's default.replication.factor. */
        private short replicationFactor = -1;

        /** Whether Kincir creates a missing topic on first use. */
        private boolean autoCreateTopics = true;

        /** Maximum time one poll of a subscriber's consumer blocks. */
        private Duration pollTimeout = Duration.ofSeconds(1);

        /** Records a subscriber fetches ahead of receive before it pauses fetching. */
        private int receiveBuffer = 1000;

        /** Bytes of records (keys, values, headers) a subscriber fetches ahead of receive before it pauses fetching. */
        private DataSize receiveBufferSize = DataSize.ofMegabytes(64);

        /** Maximum time a subscribe, a topic creation or a close waits for the cluster. */
        private Duration operationTimeout = Duration.ofSeconds(30);

        /** Maximum time a health check waits for the cluster. */
        private Duration healthTimeout = Duration.ofSeconds(5);

        public int getPartitions() {
            return partitions;
        }

        public void setPartitions(int partitions) {
            this.partitions = partitions;
        }

        public short getReplicationFactor() {
            return replicationFactor;
        }

        public void setReplicationFactor(short replicationFactor) {
            this.replicationFactor = replicationFactor;
        }

        public boolean isAutoCreateTopics() {
            return autoCreateTopics;
        }

        public void setAutoCreateTopics(boolean autoCreateTopics) {
            this.autoCreateTopics = autoCreateTopics;
        }

        public Duration getPollTimeout() {
            return pollTimeout;
        }

        public void setPollTimeout(Duration pollTimeout) {
            this.pollTimeout = pollTimeout;
        }

        public int getReceiveBuffer() {
            return receiveBuffer;
        }

        public void setReceiveBuffer(int receiveBuffer) {
            this.receiveBuffer = receiveBuffer;
        }

        public DataSize getReceiveBufferSize() {
            return receiveBufferSize;
        }

        public void setReceiveBufferSize(DataSize receiveBufferSize) {
            this.receiveBufferSize = receiveBufferSize;
        }

        public Duration getOperationTimeout() {
            return operationTimeout;
        }

        public void setOperationTimeout(Duration operationTimeout) {
            this.operationTimeout = operationTimeout;
        }

        public Duration getHealthTimeout() {
            return healthTimeout;
        }

        public void setHealthTimeout(Duration healthTimeout) {
            this.healthTimeout = healthTimeout;
        }
    }

    /**
     * Kincir's own settings of the Redis Streams backend, used when {@code kincir.backend} is
     * {@code redis}. Host, password, TLS and timeouts are Spring Boot's {@code spring.data.redis.*}.
     */
    public static class Redis {

        /** Prefix of every key Kincir uses; must not contain braces. */
        private String keyPrefix = "kincir:";

        /**
         * Most entries a topic's stream keeps (XADD MAXLEN ~); 0 keeps every entry. Trimming ignores
         * groups, so it can delete entries not yet read.
         */
        private long maxLength = 0;

        /** Most entries one read takes per stream, held by a member until the application receives them. */
        private int readCount = 100;

        /** Maximum time one blocking read (XREADGROUP BLOCK) waits. */
        private Duration blockTime = Duration.ofSeconds(1);

        /** How often a member looks for entries left pending too long by another member. */
        private Duration claimInterval = Duration.ofSeconds(5);

        /**
         * How long an entry stays pending with one member before another may claim it (XAUTOCLAIM);
         * longer than the slowest handler, or its entries are delivered twice.
         */
        private Duration claimIdleTime = Duration.ofMinutes(1);

        /** How long a consumer name with no pending entry may stay idle before it is deleted from its group. */
        private Duration idleConsumerTimeout = Duration.ofHours(1);

        /** How often delayed messages that fell due are moved into their streams. */
        private Duration delayCheckInterval = Duration.ofMillis(100);

        public String getKeyPrefix() {
            return keyPrefix;
        }

        public void setKeyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }

        public long getMaxLength() {
            return maxLength;
        }

        public void setMaxLength(long maxLength) {
            this.maxLength = maxLength;
        }

        public int getReadCount() {
            return readCount;
        }

        public void setReadCount(int readCount) {
            this.readCount = readCount;
        }

        public Duration getBlockTime() {
            return blockTime;
        }

        public void setBlockTime(Duration blockTime) {
            this.blockTime = blockTime;
        }

        public Duration getClaimInterval() {
            return claimInterval;
        }

        public void setClaimInterval(Duration claimInterval) {
            this.claimInterval = claimInterval;
        }

        public Duration getClaimIdleTime() {
            return claimIdleTime;
        }

        public void setClaimIdleTime(Duration claimIdleTime) {
            this.claimIdleTime = claimIdleTime;
        }

        public Duration getIdleConsumerTimeout() {
            return idleConsumerTimeout;
        }

        public void setIdleConsumerTimeout(Duration idleConsumerTimeout) {
            this.idleConsumerTimeout = idleConsumerTimeout;
        }

        public Duration getDelayCheckInterval() {
            return delayCheckInterval;
        }

        public void setDelayCheckInterval(Duration delayCheckInterval) {
            this.delayCheckInterval = delayCheckInterval;
        }
    }

    /**
     * The NATS JetStream backend, used when {@code kincir.backend} is {@code nats}: the connection (Spring
     * Boot does not configure NATS; an application's own {@code io.nats.client.Connection} bean wins over
     * these) and Kincir's own settings.
     */
    public static class Nats {

        /**
         * Comma-separated list of servers to connect to; the client connects to one and fails over to the
         * others.
         */
        private List<String> servers = new ArrayList<>(List.of("nats://localhost:4222"));

        /** User name, with the password. */
        private String username;

        /** Password of the user name. */
        private String password;

        /** Token, instead of a user name and password. */
        private String token;

        /** Credentials file (a JWT and its NKey seed), instead of a user name or token. */
        private Path credentialsFile;

        /** Name of the SSL bundle (spring.ssl.bundle.*) that the connection uses for TLS. */
        private String sslBundle;

        /** Most messages one subscriber asks for per topic at a time, and holds without handing them out. */
        private int pullBatch = 32;

        /** How long the server waits for a delivery to be settled before it delivers it again. */
        private Duration ackWait = Duration.ofSeconds(30);

        /** How long a publish waits for the server's acknowledgements of its messages. */
        private Duration publishTimeout = Duration.ofSeconds(30);

        /** Most messages of one publish sent and not yet acknowledged by the server. */
        private int maxPublishesInFlight = 1024;

        /** Whether the streams Kincir creates keep messages on disk (true) or in memory. */
        private boolean persistent = true;

        /** Copies of each stream Kincir creates, in a cluster. */
        private int replicas = 1;

        /** How long a stream keeps a message, acknowledged or not; 0 keeps it until the stream is deleted. */
        private Duration maxAge = Duration.ofDays(7);

        public List<String> getServers() {
            return servers;
        }

        public void setServers(List<String> servers) {
            this.servers = servers;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token;
        }

        public Path getCredentialsFile() {
            return credentialsFile;
        }

        public void setCredentialsFile(Path credentialsFile) {
            this.credentialsFile = credentialsFile;
        }

        public String getSslBundle() {
            return sslBundle;
        }

        public void setSslBundle(String sslBundle) {
            this.sslBundle = sslBundle;
        }

        public int getPullBatch() {
            return pullBatch;
        }

        public void setPullBatch(int pullBatch) {
            this.pullBatch = pullBatch;
        }

        public Duration getAckWait() {
            return ackWait;
        }

        public void setAckWait(Duration ackWait) {
            this.ackWait = ackWait;
        }

        public Duration getPublishTimeout() {
            return publishTimeout;
        }

        public void setPublishTimeout(Duration publishTimeout) {
            this.publishTimeout = publishTimeout;
        }

        public int getMaxPublishesInFlight() {
            return maxPublishesInFlight;
        }

        public void setMaxPublishesInFlight(int maxPublishesInFlight) {
            this.maxPublishesInFlight = maxPublishesInFlight;
        }

        public boolean isPersistent() {
            return persistent;
        }

        public void setPersistent(boolean persistent) {
            this.persistent = persistent;
        }

        public int getReplicas() {
            return replicas;
        }

        public void setReplicas(int replicas) {
            this.replicas = replicas;
        }

        public Duration getMaxAge() {
            return maxAge;
        }

        public void setMaxAge(Duration maxAge) {
            this.maxAge = maxAge;
        }
    }

    /** Micrometer observations of publishes, listener invocations and requests. */
    public static class Observation {

        /**
         * Whether publishes, listener invocations and requests are observed when an ObservationRegistry
         * bean exists: timers, and spans whose W3C trace context travels in message metadata.
         */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
