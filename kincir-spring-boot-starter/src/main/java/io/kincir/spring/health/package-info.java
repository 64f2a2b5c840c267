/** Kincir's Actuator health indicator; wired by {@code io.kincir.spring.boot.autoconfigure}. */
package io.kincir.spring.health;
