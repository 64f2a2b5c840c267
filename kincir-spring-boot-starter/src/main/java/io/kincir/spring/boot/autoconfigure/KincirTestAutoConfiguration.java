package io.kincir.spring.boot.autoconfigure;

import io.kincir.spring.KincirMessageConverter;
import io.kincir.spring.KincirTestRecorder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link KincirTestRecorder}: imported only by {@code @AutoConfigureKincir}, never by an
 * application's own auto-configuration.
 */
@AutoConfiguration(before = KincirAutoConfiguration.class,
        afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
public final class KincirTestAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    KincirTestRecorder kincirTestRecorder(ObjectProvider<JsonMapper> jsonMapper,
            ObjectProvider<KincirMessageConverter> converters) {
        return new KincirTestRecorder(jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()),
                converters.orderedStream().toList());
    }

    @Bean
    KincirPublisherDecorator kincirTestRecording(KincirTestRecorder recorder) {
        return recorder::recording;
    }
}
