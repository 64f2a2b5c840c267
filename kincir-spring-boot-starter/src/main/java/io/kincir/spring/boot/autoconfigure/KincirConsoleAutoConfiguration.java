package io.kincir.spring.boot.autoconfigure;

import io.kincir.spring.actuate.KincirEndpoint;
import io.kincir.spring.console.KincirConsole;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The console page ({@code kincir.console.enabled}), in a servlet web application where the {@code kincir}
 * endpoint is exposed over HTTP: the page is nothing without it.
 */
@AutoConfiguration(after = {KincirEndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class})
@ConditionalOnClass({RouterFunction.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty("kincir.console.enabled")
@ConditionalOnAvailableEndpoint(endpoint = KincirEndpoint.class, exposure = EndpointExposure.WEB)
@ConditionalOnBean({KincirEndpoint.class, WebEndpointProperties.class})
public final class KincirConsoleAutoConfiguration {

    @Bean
    RouterFunction<ServerResponse> kincirConsoleRoutes(WebEndpointProperties webEndpoints) {
        return new KincirConsole(webEndpoints.getBasePath()).routes();
    }
}
