package io.kincir.spring.boot.autoconfigure;

import io.kincir.Backend;
import io.kincir.Publisher;
import io.kincir.deadletter.DeadLetters;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@link DeadLetters} of the backend: list, replay and purge, in the group that
 * {@code kincir.listener.dead-letter-group} names, as {@code kincir.dead-letters.*} configures;
 * replays go through the application's {@link Publisher}, so they are counted in its meters.
 */
@AutoConfiguration(after = KincirAutoConfiguration.class)
@ConditionalOnBean({Backend.class, Publisher.class})
public final class KincirDeadLettersAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    DeadLetters kincirDeadLetters(Backend backend, Publisher publisher, KincirProperties properties) {
        return DeadLetters.builder(backend).publisher(publisher)
                .group(properties.getListener().getDeadLetterGroup())
                .quietPeriod(properties.getDeadLetters().getQuietPeriod())
                .maxMessages(properties.getDeadLetters().getMaxMessages())
                .build();
    }
}
