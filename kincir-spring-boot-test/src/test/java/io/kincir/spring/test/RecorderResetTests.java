package io.kincir.spring.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.spring.KincirTemplate;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

/** Test methods sharing one context each see only what they published themselves. */
@SpringBootTest(classes = RecorderResetTests.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@AutoConfigureKincir
class RecorderResetTests {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    @Autowired
    KincirTemplate template;

    @Autowired
    KincirTestRecorder recorder;

    @RepeatedTest(2)
    void eachRepetitionStartsWithAnEmptyRecorder() {
        assertThat(recorder).hasNotPublishedTo("orders");

        template.send("orders", "one");

        assertThat(recorder).published("orders").singleElement().hasPayload("one");
    }
}
