package io.kincir.spring.console;

import java.net.URI;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The console page at {@value #PATH}: plain HTML and JavaScript that read and operate the {@code kincir}
 * Actuator endpoint. The page holds no data and no operation of its own: every figure it shows and every
 * button it has is a request to the endpoint, which the application's security protects as it protects
 * its other Actuator endpoints.
 */
public final class KincirConsole {

    /** Where the console is served, under the application's context path. */
    public static final String PATH = "/kincir/console";

    private static final String RESOURCES = "io/kincir/spring/console/";

    private final String actuatorBasePath;

    /** @param actuatorBasePath {@code management.endpoints.web.base-path}, such as {@code /actuator} */
    public KincirConsole(String actuatorBasePath) {
        this.actuatorBasePath = actuatorBasePath;
    }

    /**
     * @return the page ({@value #PATH}{@code /}), its scripts, and {@value #PATH}{@code /config.json}, which
     *     tells the page where the endpoint is
     */
    public RouterFunction<ServerResponse> routes() {
        Resource index = new ClassPathResource(RESOURCES + "index.html");
        // The page calls the endpoint with URLs relative to itself, which needs the trailing slash.
        return RouterFunctions.route()
                .GET(PATH, request -> ServerResponse.status(308).location(URI.create("console/")).build())
                .GET(PATH + "/", request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).body(index))
                .GET(PATH + "/config.json", request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("actuatorBasePath", actuatorBasePath)))
                .resources(PATH + "/**", new ClassPathResource(RESOURCES))
                .build();
    }
}
