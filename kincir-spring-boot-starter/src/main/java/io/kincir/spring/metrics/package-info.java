/** Kincir's Micrometer meters; wired by {@code io.kincir.spring.boot.autoconfigure} when Micrometer is present. */
package io.kincir.spring.metrics;
