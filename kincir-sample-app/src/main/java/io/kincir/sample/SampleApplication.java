package io.kincir.sample;

import io.kincir.Backend;
import io.kincir.Message;
import io.kincir.Subscriber;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The sample application: publishes a greeting through whichever backend {@code kincir.backend} names, and logs it. */
@SpringBootApplication
public class SampleApplication {

    private static final Logger LOG = LoggerFactory.getLogger(SampleApplication.class);

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }

    @Bean
    ApplicationRunner greeting(Backend backend) {
        return args -> {
            try (Subscriber subscriber = backend.subscriber()) {
                subscriber.subscribe("greetings");
                backend.publisher().publish("greetings", Message.of("Hello from Kincir"));
                Message received = subscriber.receive(Duration.ofSeconds(10))
                        .orElseThrow(() -> new IllegalStateException("The greeting did not arrive within 10s"));
                LOG.info("Received '{}' on topic greetings (uuid {})", received.payloadAsString(), received.uuid());
            }
        };
    }
}
