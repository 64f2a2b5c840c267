package io.kincir.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTests {

    @Test
    void publishesAndLogsTheGreetingOnStartup(CapturedOutput output) {
        assertThat(output).contains("Received 'Hello from Kincir' on topic greetings");
    }
}
