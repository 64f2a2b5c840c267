package io.kincir.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * An order, a payment, a shipping and a pricing service in one application, talking only through
 * Kincir topics, on whichever backend {@code kincir.backend} names (in-memory unless a profile
 * says otherwise).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
