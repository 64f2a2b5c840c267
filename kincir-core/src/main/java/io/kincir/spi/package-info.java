/**
 * What a backend module builds on, so that every backend settles, hands out and shuts down the same
 * way: {@link io.kincir.spi.SettleOnceDelivery} (a delivery settled exactly once, with the same
 * errors everywhere), {@link io.kincir.spi.Receiver} with the two subscriber adapters of
 * {@link io.kincir.spi.Subscribers}, {@link io.kincir.spi.OpenState} for the behaviour after
 * close, and the rules every backend checks the same way: {@link io.kincir.spi.Names} for topics and
 * groups, {@link io.kincir.spi.MetadataLimits} for what a message may carry,
 * {@link io.kincir.spi.ForeignMetadata} for what a message from a producer without Kincir carries.
 *
 * <p>Applications do not use this package; a backend, ours or anyone's, does, and proves itself with
 * the conformance suite of {@code kincir-test}.
 */
package io.kincir.spi;
