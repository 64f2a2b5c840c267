package io.kincir.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class KincirPropertiesTests {

    /**
     * An application has one backend module, so the properties of every backend must bind without the
     * others: a type of a missing module in a signature of the properties fails the binding with
     * NoClassDefFoundError.
     */
    @Test
    void bindWithoutAnyBackendModuleOnTheClasspath() throws Exception {
        ClassLoader withoutBackends = new WithoutBackendModules(getClass().getClassLoader());
        Class<?> properties = withoutBackends.loadClass(KincirProperties.class.getName());
        MapConfigurationPropertySource source = new MapConfigurationPropertySource(Map.of(
                "kincir.backend", "in-memory", "kincir.kafka.partitions", "2", "kincir.rabbitmq.prefetch", "5",
                "kincir.memory.max-queue-size", "7", "kincir.redis.read-count", "9", "kincir.nats.pull-batch", "11"));

        Object bound = new Binder(source).bind("kincir", Bindable.of(properties)).get();

        assertThat(bound).extracting("kafka.partitions", "rabbitmq.prefetch", "memory.maxQueueSize", "redis.readCount",
                "nats.pullBatch").containsExactly(2, 5, 7, 9, 11);
    }

    /**
     * The descriptions an IDE shows, from the metadata the configuration processor generates out of the
     * fields' Javadoc, follow Spring Boot's style: plain text, no leading "The" or "A", a boolean's
     * beginning with "Whether", a list's with "Comma-separated list", ending with a period; a deprecated
     * property is described by its replacement.
     */
    @Test
    void everyPropertyIsDescribedInSpringBootsStyle() throws IOException {
        JsonNode metadata = metadata("META-INF/spring-configuration-metadata.json");
        List<String> offences = new ArrayList<>();
        for (JsonNode property : metadata.path("properties")) {
            String name = property.path("name").asString();
            String description = property.path("description").asString("");
            String type = property.path("type").asString("");
            // A deprecated property is described by its replacement, which the metadata names.
            if (!name.startsWith("kincir.") || property.has("deprecation")) {
                continue;
            }
            if (description.isEmpty() || !description.endsWith(".") || description.startsWith("The ")
                    || description.startsWith("A ") || description.contains("{@") || description.contains("<code>")
                    || (type.equals("java.lang.Boolean") || type.equals("boolean")) && !description.startsWith("Whether")
                    || type.startsWith("java.util.List") && !description.startsWith("Comma-separated list")) {
                offences.add(name + ": " + description);
            }
        }
        assertThat(offences).isEmpty();
    }

    @Test
    void kincirBackendHintsNameEveryBackend() throws IOException {
        JsonNode metadata = metadata("META-INF/spring-configuration-metadata.json");
        List<String> values = new ArrayList<>();
        for (JsonNode hint : metadata.path("hints")) {
            if (hint.path("name").asString().equals("kincir.backend")) {
                hint.path("values").forEach(value -> values.add(value.path("value").asString()));
            }
        }
        assertThat(values).containsExactlyInAnyOrder("in-memory", "kafka", "rabbitmq", "nats", "redis");
    }

    private static JsonNode metadata(String resource) throws IOException {
        try (InputStream in = KincirPropertiesTests.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return JsonMapper.builder().build().readTree(in);
        }
    }

    /** Defines the properties classes itself and refuses the backend modules' classes. */
    private static final class WithoutBackendModules extends ClassLoader {

        WithoutBackendModules(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("io.kincir.kafka.") || name.startsWith("io.kincir.rabbitmq.")
                    || name.startsWith("io.kincir.redis.") || name.startsWith("io.kincir.nats.")) {
                throw new ClassNotFoundException(name + " (its backend module is not on this classpath)");
            }
            if (!name.startsWith(KincirProperties.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        byte[] bytes = in.readAllBytes();
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return loaded;
            }
        }
    }
}
