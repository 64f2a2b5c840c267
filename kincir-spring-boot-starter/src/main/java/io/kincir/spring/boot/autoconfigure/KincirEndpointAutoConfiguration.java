package io.kincir.spring.boot.autoconfigure;

import io.kincir.Backend;
import io.kincir.deadletter.DeadLetters;
import io.kincir.spring.KincirListenerRegistry;
import io.kincir.spring.actuate.KincirEndpoint;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code kincir} Actuator endpoint, when Actuator is present and the endpoint is available
 * ({@code management.endpoints.web.exposure.include} names it, and
 * {@code management.endpoint.kincir.access} does not turn it off).
 */
@AutoConfiguration(after = {KincirAutoConfiguration.class, KincirDeadLettersAutoConfiguration.class})
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(Backend.class)
@ConditionalOnAvailableEndpoint(KincirEndpoint.class)
public final class KincirEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    KincirEndpoint kincirEndpoint(Backend backend, ObjectProvider<KincirListenerRegistry> registry,
            ObjectProvider<DeadLetters> deadLetters) {
        return new KincirEndpoint(BackendName.of(backend, backend.getClass().getClassLoader()), backend,
                registry.getIfUnique(), deadLetters.getIfUnique());
    }
}
