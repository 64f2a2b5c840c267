package io.kincir.listener;

import io.kincir.Delivery;
import java.util.List;

/** Takes what a consumer received through a listener's steps, and settles every delivery. */
interface DeliveryProcessor {

    /** @param deliveries one delivery, or a batch of them; each is settled by the time this returns */
    void process(List<Delivery> deliveries);
}
