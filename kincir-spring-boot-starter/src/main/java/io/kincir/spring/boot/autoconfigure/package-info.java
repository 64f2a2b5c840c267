/** Spring Boot auto-configuration for Kincir; it only wires, the behaviour lives in {@code io.kincir.*}. */
package io.kincir.spring.boot.autoconfigure;
