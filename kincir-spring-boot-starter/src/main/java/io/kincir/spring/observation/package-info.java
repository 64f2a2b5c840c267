/**
 * Micrometer Observation around Kincir's publishes, listener invocations and requests, with the W3C
 * trace context carried in message metadata so that one trace spans publisher, broker, listener and
 * reply on every backend. Wired by {@code io.kincir.spring.boot.autoconfigure} when an
 * {@link io.micrometer.observation.ObservationRegistry} bean exists; {@code kincir.observation.enabled}
 * turns it off.
 *
 * <p>{@link io.kincir.spring.observation.KincirObservation} documents the three observations and their
 * key values; each has a convention interface to implement, or a default convention to extend, and
 * publish a bean of.
 */
package io.kincir.spring.observation;
