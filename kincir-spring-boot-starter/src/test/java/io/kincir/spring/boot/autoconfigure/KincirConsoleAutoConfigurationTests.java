package io.kincir.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.spring.TestBackend;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** When the console page is served: asked for, in a servlet application, with the endpoint exposed over HTTP. */
class KincirConsoleAutoConfigurationTests {

    private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(
            InMemoryBackendAutoConfiguration.class, KincirAutoConfiguration.class, EndpointAutoConfiguration.class,
            WebEndpointAutoConfiguration.class, KincirEndpointAutoConfiguration.class,
            KincirConsoleAutoConfiguration.class);

    private static final String EXPOSED = "management.endpoints.web.exposure.include=kincir";

    private static final String CONSOLE = "kincirConsoleRoutes";

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(CONFIGURATIONS).withPropertyValues(TestBackend.IN_MEMORY);

    @Test
    void isServedWhenEnabledAndTheEndpointIsExposedOverHttp() {
        web.withPropertyValues("kincir.console.enabled=true", EXPOSED)
                .run(context -> assertThat(context).hasBean(CONSOLE));
    }

    @Test
    void isOffByDefault() {
        web.withPropertyValues(EXPOSED).run(context -> assertThat(context).doesNotHaveBean(CONSOLE));
    }

    @Test
    void isNotServedWhenTheEndpointIsNotExposedOverHttp() {
        web.withPropertyValues("kincir.console.enabled=true")
                .run(context -> assertThat(context).doesNotHaveBean(CONSOLE));
        web.withPropertyValues("kincir.console.enabled=true", EXPOSED, "management.endpoint.kincir.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(CONSOLE));
    }

    @Test
    void isNotServedOutsideAServletApplication() {
        new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
                .withPropertyValues(TestBackend.IN_MEMORY, "kincir.console.enabled=true", EXPOSED)
                .run(context -> assertThat(context).doesNotHaveBean(CONSOLE));
    }
}
