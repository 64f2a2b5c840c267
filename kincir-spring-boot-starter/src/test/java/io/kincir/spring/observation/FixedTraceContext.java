package io.kincir.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.transport.Propagator;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Writes and reads trace context through an observation's carrier, as Micrometer Tracing's propagating
 * handlers do, with a fixed context instead of a tracer: what a sender writes, and what a receiver reads.
 */
final class FixedTraceContext implements ObservationHandler<Observation.Context> {

    static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    static final String TRACESTATE = "kincir=test";

    /** The traceparent each receiver read, in order. */
    final List<String> read = new CopyOnWriteArrayList<>();

    @Override
    @SuppressWarnings("unchecked")
    public void onStart(Observation.Context context) {
        if (context instanceof SenderContext<?> sender) {
            Propagator.Setter<Object> setter = (Propagator.Setter<Object>) sender.getSetter();
            setter.set(sender.getCarrier(), "traceparent", TRACEPARENT);
            setter.set(sender.getCarrier(), "tracestate", TRACESTATE);
        } else if (context instanceof ReceiverContext<?> receiver) {
            Propagator.Getter<Object> getter = (Propagator.Getter<Object>) receiver.getGetter();
            read.add(String.valueOf(getter.get(receiver.getCarrier(), "traceparent")));
        }
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return true;
    }
}
