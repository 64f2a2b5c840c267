/**
 * Spring Boot auto-configuration for Kincir; it only wires, the behaviour lives in
 * {@code io.kincir.*} and {@code io.kincir.spring.*}.
 *
 * <p>A backend is one auto-configuration of its own, {@code @AutoConfiguration(before =
 * KincirAutoConfiguration.class, afterName = <Spring Boot's auto-configuration of the broker>)} and
 * {@link io.kincir.spring.boot.autoconfigure.ConditionalOnKincirBackend @ConditionalOnKincirBackend},
 * with a {@code @ConditionalOnMissingBean(Backend.class)} {@code Backend} bean in a nested
 * configuration that is {@code @ConditionalOnClass} of the backend module
 * (see {@link io.kincir.spring.boot.autoconfigure.KafkaBackendAutoConfiguration}).
 */
package io.kincir.spring.boot.autoconfigure;
