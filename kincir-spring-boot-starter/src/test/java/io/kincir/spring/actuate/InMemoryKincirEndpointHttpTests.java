package io.kincir.spring.actuate;

import org.springframework.test.context.TestPropertySource;

/** The endpoint on the in-memory broker. */
@TestPropertySource(properties = "kincir.backend=in-memory")
class InMemoryKincirEndpointHttpTests extends KincirEndpointHttpTests {

    @Override
    protected String backendName() {
        return "in-memory";
    }
}
