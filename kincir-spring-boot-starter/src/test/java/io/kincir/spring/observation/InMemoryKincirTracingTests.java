package io.kincir.spring.observation;

import org.springframework.test.context.TestPropertySource;

/** One trace on the in-memory broker. */
@TestPropertySource(properties = "kincir.backend=in-memory")
class InMemoryKincirTracingTests extends KincirTracingContractTests {
}
