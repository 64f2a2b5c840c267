/**
 * Spring Boot auto-configuration for Kincir; it only wires, the behaviour lives in
 * {@code io.kincir.*} and {@code io.kincir.spring.*}.
 *
 * <p>A backend is one {@code @Configuration(proxyBeanMethods = false)} class of its own,
 * {@link io.kincir.spring.boot.autoconfigure.ConditionalOnKincirBackend @ConditionalOnKincirBackend}
 * and {@code @ConditionalOnClass} of its client library, with a
 * {@code @ConditionalOnMissingBean(Backend.class)} {@code Backend} bean, imported by
 * {@link io.kincir.spring.boot.autoconfigure.KincirAutoConfiguration} before
 * {@code MissingBackendConfiguration} (see {@code InMemoryBackendConfiguration}).
 */
package io.kincir.spring.boot.autoconfigure;
