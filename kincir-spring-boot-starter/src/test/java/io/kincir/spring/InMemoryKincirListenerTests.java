package io.kincir.spring;

import org.springframework.test.context.TestPropertySource;

/** The listener contract on the in-memory broker. */
@TestPropertySource(properties = "kincir.backend=in-memory")
class InMemoryKincirListenerTests extends KincirListenerContractTests {
}
