package io.kincir.spring.boot.autoconfigure;

import io.kincir.Backend;
import io.kincir.Publisher;
import io.kincir.listener.ListenerObserver;
import io.kincir.spring.KincirListenerAnnotationBeanPostProcessor;
import io.kincir.spring.KincirListenerContainerCustomizer;
import io.kincir.spring.KincirListenerRegistry;
import io.kincir.spring.KincirMessageConverter;
import io.kincir.spring.KincirTemplate;
import io.kincir.spring.KincirTemplateCustomizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.validation.Validator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kincir's auto-configuration: the {@link Backend} chosen by {@code kincir.backend}, its
 * {@link Publisher}, the {@link KincirTemplate}, and the {@code @KincirListener} machinery. Every
 * bean backs off when the application defines its own.
 *
 * <p>Each backend is an auto-configuration of its own that runs before this one
 * ({@link InMemoryBackendAutoConfiguration}, {@link KafkaBackendAutoConfiguration},
 * {@link RabbitBackendAutoConfiguration}, or a third party's), so adding a backend changes nothing
 * here. When none of them made a {@link Backend}, {@link MissingBackendConfiguration} fails the
 * start-up with a message that names the dependency to add.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@EnableConfigurationProperties(KincirProperties.class)
@Import(MissingBackendConfiguration.class)
public final class KincirAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Publisher kincirPublisher(Backend backend, ObjectProvider<KincirPublisherDecorator> decorators) {
        Publisher publisher = backend.publisher();
        for (KincirPublisherDecorator decorator : decorators.orderedStream().toList()) {
            publisher = decorator.decorate(publisher);
        }
        return publisher;
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    KincirTemplate kincirTemplate(Backend backend, Publisher publisher, ObjectProvider<JsonMapper> jsonMapper,
            KincirProperties properties, Environment environment, ObjectProvider<KincirTemplateCustomizer> customizers,
            ObjectProvider<KincirMessageConverter> converters) {
        String replyTopic = properties.getTemplate().getReplyTopic();
        if (replyTopic == null) {
            replyTopic = KincirTemplate.REPLY_TOPIC_PREFIX + environment.getProperty("spring.application.name",
                    "application");
        }
        KincirTemplate template = new KincirTemplate(backend, publisher, jsonMapper(jsonMapper), replyTopic,
                converters.orderedStream().toList());
        customizers.orderedStream().forEach(customizer -> customizer.customize(template));
        return template;
    }

    @Bean
    @ConditionalOnMissingBean
    KincirListenerRegistry kincirListenerRegistry(Backend backend, Publisher publisher,
            ObjectProvider<JsonMapper> jsonMapper, KincirProperties properties,
            ObjectProvider<ListenerObserver> observers, ObjectProvider<KincirListenerContainerCustomizer> customizers,
            Environment environment, ObjectProvider<KincirMessageConverter> converters,
            ObjectProvider<Validator> validator) {
        Duration shutdownPhase = Binder.get(environment)
                .bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
                .orElse(ListenerShutdownTimeout.DEFAULT_SHUTDOWN_PHASE);
        return new KincirListenerRegistry(backend, publisher, jsonMapper(jsonMapper),
                properties.getListener().toDefaults(shutdownPhase).withAllowedReplyTopics(allowedReplyTopics(properties)),
                CompositeListenerObserver.of(observers.orderedStream().toList()), customizers.orderedStream().toList(),
                converters.orderedStream().toList(), validator.getIfUnique());
    }

    @Bean
    @ConditionalOnMissingBean
    static KincirListenerAnnotationBeanPostProcessor kincirListenerAnnotationBeanPostProcessor() {
        return new KincirListenerAnnotationBeanPostProcessor();
    }

    /** What kincir.reply.allowed-topics allows, and the application's own template's reply topic. */
    private static List<String> allowedReplyTopics(KincirProperties properties) {
        List<String> allowed = new ArrayList<>(properties.getReply().getAllowedTopics());
        String ownReplyTopic = properties.getTemplate().getReplyTopic();
        if (ownReplyTopic != null) {
            allowed.add(ownReplyTopic);
        }
        return allowed;
    }

    /** The application's mapper (Boot's, with its modules and settings), or a plain one outside Boot's Jackson support. */
    private static JsonMapper jsonMapper(ObjectProvider<JsonMapper> jsonMapper) {
        return jsonMapper.getIfAvailable(() -> JsonMapper.builder().build());
    }
}
