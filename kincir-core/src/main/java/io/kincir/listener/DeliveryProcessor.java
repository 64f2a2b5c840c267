package io.kincir.listener;

import io.kincir.Delivery;
import java.util.List;

/** Takes what a consumer received through a listener's steps, and settles every delivery. */
interface DeliveryProcessor {

    /**
     * @param deliveries one delivery, or a batch of them; each is settled by the time this returns
     * @return how many of them the handler handled
     */
    int process(List<Delivery> deliveries);

    /**
     * Takes one delivery through the steps, as {@link #process(List)} would a list of it: a listener of
     * single messages comes here for each message, without a list around it.
     *
     * @param delivery the delivery; settled by the time this returns
     * @return 1 if the handler handled it, else 0
     */
    default int processOne(Delivery delivery) {
        return process(List.of(delivery));
    }
}
