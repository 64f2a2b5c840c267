package io.kincir.sample;

/** The sample as shipped: {@code application.yml} unchanged, on the in-memory broker. */
class InMemorySampleEndToEndTests extends SampleEndToEndTests {

    @Override
    String backend() {
        return "in-memory";
    }
}
