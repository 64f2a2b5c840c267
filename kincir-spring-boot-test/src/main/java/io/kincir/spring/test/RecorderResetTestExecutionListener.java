package io.kincir.spring.test;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Clears the {@link KincirTestRecorder} after each test method, as Spring Boot resets its mocks: tests
 * that share a cached context do not see each other's messages. Registered in
 * {@code META-INF/spring.factories}; leaves a context it would have to load alone.
 */
final class RecorderResetTestExecutionListener extends AbstractTestExecutionListener {

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 100;
    }

    @Override
    public void afterTestMethod(TestContext testContext) {
        if (!testContext.hasApplicationContext()) {
            return;
        }
        ApplicationContext context = testContext.getApplicationContext();
        for (KincirTestRecorder recorder : context.getBeanProvider(KincirTestRecorder.class)) {
            recorder.clear();
        }
    }
}
