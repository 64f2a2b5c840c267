package io.kincir.sample.plain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * kincir-rabbitmq alone brings no Spring Boot: the sample's classpath (its runtime one plus the test
 * libraries, none of which is Spring Boot) has none of Boot's classes or jars.
 */
class NoSpringBootTest {

    @Test
    void springBootIsNotOnTheClasspath() {
        assertThatExceptionOfType(ClassNotFoundException.class)
                .isThrownBy(() -> Class.forName("org.springframework.boot.SpringApplication"));
    }

    @Test
    void noJarOnTheClasspathIsASpringBootArtifact() {
        // Surefire starts the tests through a manifest-only jar and names the real classpath here.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));

        assertThat(Arrays.stream(classpath.split(File.pathSeparator))
                .map(entry -> Path.of(entry).getFileName().toString()))
                .isNotEmpty()
                .noneMatch(name -> name.startsWith("spring-boot"))
                .anyMatch(name -> name.startsWith("kincir-rabbitmq"));
    }
}
