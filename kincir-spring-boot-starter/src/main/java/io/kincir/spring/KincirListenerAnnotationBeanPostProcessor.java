package io.kincir.spring;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;

/**
 * Finds {@link KincirListener} methods on every bean, checks each signature and its attributes
 * (failing the start-up with an {@link InvalidKincirListenerException} that says what works), and
 * hands each listener to the {@link KincirListenerRegistry} once every singleton exists.
 *
 * <p>It depends on no other bean until then, so that registering it early makes no bean miss
 * post-processing.
 */
public final class KincirListenerAnnotationBeanPostProcessor
        implements BeanPostProcessor, BeanFactoryAware, EnvironmentAware, SmartInitializingSingleton, Ordered {

    private final Set<Class<?>> withoutListeners = ConcurrentHashMap.newKeySet();
    private final List<KincirListenerEndpoint> pending = new ArrayList<>();
    private ConfigurableBeanFactory beanFactory;
    private Environment environment;
    private KincirListenerRegistry registry;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = (ConfigurableBeanFactory) beanFactory;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AopInfrastructureBean) {
            return bean;
        }
        Class<?> target = AopUtils.getTargetClass(bean);
        if (withoutListeners.contains(target)) {
            return bean;
        }
        Map<Method, KincirListener> methods = MethodIntrospector.selectMethods(target,
                (MethodIntrospector.MetadataLookup<KincirListener>) method ->
                        AnnotatedElementUtils.findMergedAnnotation(method, KincirListener.class));
        if (methods.isEmpty()) {
            withoutListeners.add(target);
            return bean;
        }
        String applicationName = beanFactory.resolveEmbeddedValue("${spring.application.name:application}");
        methods.forEach((method, listener) -> {
            ListenerMethod signature = ListenerMethod.inspect(method)
                    .invokedThrough(AopUtils.selectInvocableMethod(method, bean.getClass()));
            KincirListenerEndpoint endpoint = ListenerAttributes.read(listener, bean, beanName, method,
                    signature, this::resolve, applicationName);
            register(endpoint);
        });
        return bean;
    }

    /**
     * Resolves {@code ${…}} with the context's placeholder configurer, then strictly with the
     * environment, so that an unresolvable placeholder fails the start-up even where no configurer
     * refuses it.
     */
    private String resolve(String value) {
        String resolved = beanFactory.resolveEmbeddedValue(value);
        return resolved == null ? null : environment.resolveRequiredPlaceholders(resolved);
    }

    private synchronized void register(KincirListenerEndpoint endpoint) {
        if (registry == null) {
            pending.add(endpoint);
        } else {
            registry.register(endpoint);
        }
    }

    @Override
    public synchronized void afterSingletonsInstantiated() {
        registry = beanFactory.getBean(KincirListenerRegistry.class);
        pending.forEach(registry::register);
        pending.clear();
    }

    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }
}
