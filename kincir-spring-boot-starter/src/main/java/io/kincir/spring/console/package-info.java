/** The console page over the {@code kincir} Actuator endpoint. */
package io.kincir.spring.console;
