package io.kincir.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.PropertyMapping;

/**
 * For an application's tests: runs Kincir on the in-memory broker, whatever {@code kincir.backend}
 * the application's configuration names, so the tests need no server, and provides a
 * {@link KincirTestRecorder} bean that records what the application publishes, cleared after each test
 * method. Listeners run as in production. Works with {@code @SpringBootTest} and with slices such as
 * {@code @WebMvcTest}.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureKincir
 * class OrderServiceTests {
 *     @Autowired OrderService orders;
 *     @Autowired KincirTestRecorder recorder;
 *
 *     @Test
 *     void placingAnOrderPublishesIt() {
 *         orders.place(new Order("42"));
 *         assertThat(recorder).published("orders").singleElement().hasPayload(new Order("42"));
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
@PropertyMapping("kincir")
public @interface AutoConfigureKincir {

    /** @return the backend the test runs on ({@code kincir.backend}); the in-memory broker unless said otherwise */
    String backend() default "in-memory";
}
