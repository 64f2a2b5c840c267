package io.kincir.listener;

import io.kincir.Delivery;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * Tries a batch handler up to the policy's attempts, as {@link RetryingHandler} does a message handler:
 * each attempt converts every message afresh, numbered with {@code _attempt}, and hands the batch on. A
 * message whose conversion fails for good (a {@link io.kincir.MessageConversionException}, an
 * {@link UnprocessableMessageException}) is taken out of the batch and rejected at once, on its own; any
 * other conversion failure fails the attempt, as the handler's would.
 */
final class RetryingBatchHandler {

    /** Hears of a message taken out of its batch because it cannot be converted. */
    @FunctionalInterface
    interface Rejections {

        void reject(Delivery delivery, Throwable failure, int attempt);
    }

    private final Function<Message, ?> converter;
    private final BatchHandler<Object> delegate;
    private final RetryPolicy policy;
    private final StopSignal stop;

    RetryingBatchHandler(Function<Message, ?> converter, BatchHandler<Object> delegate, RetryPolicy policy,
            StopSignal stop) {
        this.converter = converter;
        this.delegate = delegate;
        this.policy = policy;
        this.stop = stop;
    }

    /**
     * @param batch the deliveries to handle; those rejected are removed from it, so that it holds the
     *     ones left to settle when this returns or throws
     * @param rejections told of each rejected delivery, before the others are handled
     */
    void handle(List<Delivery> batch, Rejections rejections) throws RetriesExhaustedException, BackoffStoppedException {
        for (int attempt = 1; ; attempt++) {
            try {
                List<Object> converted = convert(batch, attempt, rejections);
                if (!converted.isEmpty()) {
                    delegate.handle(converted);
                }
                return;
            } catch (Throwable failure) {
                if (!RetryingHandler.triesAgain(policy, failure, attempt)) {
                    throw new RetriesExhaustedException(attempt, failure);
                }
                if (stop.raised() || !stop.pause(policy.backoffAfter(attempt))) {
                    throw new BackoffStoppedException(attempt, failure);
                }
            }
        }
    }

    private List<Object> convert(List<Delivery> batch, int attempt, Rejections rejections) {
        List<Object> converted = new ArrayList<>(batch.size());
        String number = Integer.toString(attempt);
        for (Iterator<Delivery> deliveries = batch.iterator(); deliveries.hasNext(); ) {
            Delivery delivery = deliveries.next();
            try {
                converted.add(converter.apply(delivery.message().withMetadata(MetadataKeys.ATTEMPT, number)));
            } catch (RuntimeException | Error failure) {
                if (RetryingHandler.retryable(failure)) {
                    throw failure;
                }
                deliveries.remove();
                rejections.reject(delivery, failure, attempt);
            }
        }
        return converted;
    }
}
