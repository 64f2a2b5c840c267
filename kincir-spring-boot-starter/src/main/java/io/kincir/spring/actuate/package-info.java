/**
 * The {@code kincir} Actuator endpoint: the backend, every listener with stop, start, pause and
 * resume, and the dead letters with list, replay and purge.
 */
package io.kincir.spring.actuate;
