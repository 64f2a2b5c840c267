package io.kincir.spring.boot.autoconfigure;

import io.kincir.Publisher;

/**
 * Wraps the auto-configured {@link Publisher} bean, which the template and the listeners publish
 * through: metrics and the test recorder are decorators. Beans of this type are applied in order,
 * each wrapping the result of the one before.
 */
@FunctionalInterface
public interface KincirPublisherDecorator {

    /**
     * @param publisher the publisher so far
     * @return the publisher to use instead, usually one that delegates to {@code publisher}
     */
    Publisher decorate(Publisher publisher);
}
