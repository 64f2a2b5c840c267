package io.kincir.spring;

/**
 * Customizes the auto-configured {@link KincirTemplate} once it is built, as the starter's observations
 * do. Beans of this type are applied in {@link org.springframework.core.annotation.Order order}.
 */
@FunctionalInterface
public interface KincirTemplateCustomizer {

    /** @param template the template, not yet used */
    void customize(KincirTemplate template);
}
