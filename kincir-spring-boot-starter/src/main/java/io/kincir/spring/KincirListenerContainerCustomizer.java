package io.kincir.spring;

import io.kincir.listener.ListenerContainerBuilder;

/**
 * Customizes the builder of every {@link KincirListener}'s container, after the
 * {@code kincir.listener.*} defaults and before the annotation's own attributes, which win. Beans of
 * this type are applied in {@link org.springframework.core.annotation.Order order}.
 */
@FunctionalInterface
public interface KincirListenerContainerCustomizer {

    /** @param builder the builder of one listener's container; {@code id} and topics are not set yet */
    void customize(ListenerContainerBuilder builder);
}
