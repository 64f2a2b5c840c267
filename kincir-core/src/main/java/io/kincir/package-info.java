/**
 * Kincir's API: {@link io.kincir.Message}, {@link io.kincir.Publisher},
 * {@link io.kincir.Subscriber}, {@link io.kincir.AckSubscriber} and {@link io.kincir.Backend}, the
 * same over every backend.
 */
package io.kincir;
