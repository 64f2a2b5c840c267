/**
 * Kincir in a Spring application: {@link io.kincir.spring.KincirListener @KincirListener} methods,
 * {@link io.kincir.spring.KincirTemplate} to send objects and make requests,
 * {@link io.kincir.spring.KincirListenerRegistry} to list, stop and start listeners. An application's
 * tests get {@code @AutoConfigureKincir} and the recorder from {@code io.kincir:kincir-spring-boot-test}.
 *
 * <p>The listener path has five roles, as in spring-kafka: the bean post-processor finds annotated
 * methods, {@code KincirListenerEndpoint} describes one listener, the registry owns the containers
 * and their lifecycle, {@code KincirListenerAdapter} turns a message into a method call, and
 * {@code ListenerMethod} resolves the arguments (checked when the application starts).
 */
package io.kincir.spring;
