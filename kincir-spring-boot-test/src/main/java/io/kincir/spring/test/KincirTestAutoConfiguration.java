package io.kincir.spring.test;

import io.kincir.Backend;
import io.kincir.spring.KincirListenerContainerCustomizer;
import io.kincir.spring.KincirListenerRegistry;
import io.kincir.spring.KincirTemplate;
import io.kincir.spring.boot.autoconfigure.KincirAutoConfiguration;
import io.kincir.spring.boot.autoconfigure.KincirPublisherDecorator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@link KincirTestRecorder}, wrapped around the application's publisher and its listeners' handlers:
 * imported only by {@link AutoConfigureKincir @AutoConfigureKincir}, never by an application's own
 * auto-configuration.
 */
@AutoConfiguration(before = KincirAutoConfiguration.class)
public final class KincirTestAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    KincirTestRecorder kincirTestRecorder(ObjectProvider<KincirTemplate> template, ObjectProvider<Backend> backend,
            ObjectProvider<KincirListenerRegistry> listeners) {
        return new KincirTestRecorder(template::getObject, backend::getObject, listeners::getObject);
    }

    @Bean
    KincirPublisherDecorator kincirTestRecording(KincirTestRecorder recorder) {
        return recorder::recording;
    }

    @Bean
    KincirListenerContainerCustomizer kincirTestAttempts(KincirTestRecorder recorder) {
        AttemptRecordingDecorator decorator = new AttemptRecordingDecorator(recorder);
        return builder -> builder.handlerDecorator(decorator);
    }
}
