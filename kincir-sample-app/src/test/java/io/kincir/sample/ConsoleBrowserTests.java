package io.kincir.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The console page in a real headless Chromium, over the sample on the in-memory broker: it shows the
 * sample's listeners, lists the dead letter of a payment that keeps failing, and its replay button sends
 * the dead letter back to the payment listener, which receives it (and fails on it again, counted).
 *
 * <p>With {@code -Dkincir.console.screenshot=../docs/console.png} it saves the screenshot the docs show.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {"logging.level.io.kincir.sample=warn",
        "kincir.console.enabled=true"})
@AutoConfigureRestTestClient
class ConsoleBrowserTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final String DEAD_LETTERS = "[data-topic='order_events.dlq'] tr.dead-letter";

    @LocalServerPort
    int port;

    @Autowired
    RestTestClient http;

    private ChromeDriver browser;

    @BeforeAll
    static void requireChromium() {
        HeadlessChromium.require();
    }

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.start();
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    @Test
    void showsTheListenersAndReplaysADeadLetterToItsListener() throws IOException {
        browser.get("http://localhost:" + port + "/kincir/console");

        await().atMost(WAIT).untilAsserted(() -> assertThat(browser.findElements(By.cssSelector("#listeners tbody tr"))
                .stream().map(row -> row.getDomAttribute("data-listener")))
                .containsExactlyInAnyOrder("payment", "shipping", "pricing", "orders", "failed-orders"));
        assertThat(browser.findElement(By.id("backend")).getText()).isEqualTo("in-memory: UP");
        assertThat(browser.findElement(By.cssSelector("[data-listener='payment'] td.state")).getText())
                .isEqualTo("RUNNING");

        postOrder("CUST-666", "5");
        await().atMost(WAIT).until(() -> payment().path("deadLettered").asInt() == 1);
        DeadLetterRow deadLetter = awaitDeadLetter("0");
        assertThat(deadLetter.text()).contains("order_events", "The payment provider failed for customer CUST-666");
        int failedBefore = payment().path("failedAttempts").asInt();
        await().atMost(WAIT).ignoreExceptions().until(() -> browser
                .findElement(By.cssSelector("[data-listener='payment'] td.dead-lettered")).getText().equals("1"));
        saveScreenshot();

        // The page redraws its tables as it polls: the button is looked up afresh until a click lands.
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> browser.findElement(By.cssSelector(
                DEAD_LETTERS + "[data-uuid='" + deadLetter.uuid() + "'] button.replay")).click());

        await().atMost(WAIT).until(() -> browser.findElement(By.id("status")).getText()
                .equals("replayed 1 of order_events.dlq"));
        // The payment listener receives the replay, fails on it every attempt again, and dead-letters it again.
        await().atMost(WAIT).until(() -> payment().path("deadLettered").asInt() == 2);
        assertThat(payment().path("failedAttempts").asInt()).isEqualTo(failedBefore + 3);
        assertThat(awaitDeadLetter("1").uuid()).as("the replay keeps the uuid").isEqualTo(deadLetter.uuid());
        assertThat(browser.findElements(By.cssSelector(DEAD_LETTERS))).as("nothing lost, nothing doubled").hasSize(1);
    }

    /** A dead letter as the page lists it. */
    private record DeadLetterRow(String uuid, String text) {
    }

    /** Clicks Refresh until the page lists exactly one dead letter of the orders, replayed so many times. */
    private DeadLetterRow awaitDeadLetter(String replayed) {
        return await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
            List<WebElement> rows = browser.findElements(By.cssSelector(DEAD_LETTERS));
            if (rows.size() != 1 || !rows.get(0).findElement(By.cssSelector("td.replayed")).getText().equals(replayed)) {
                browser.findElement(By.id("refresh-dead-letters")).click();
                return null;
            }
            return new DeadLetterRow(rows.get(0).getDomAttribute("data-uuid"), rows.get(0).getText());
        }, row -> row != null);
    }

    private JsonNode payment() {
        return http.get().uri("/actuator/kincir/listeners/payment").exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private void postOrder(String customerId, String amount) {
        http.post().uri("/orders").contentType(MediaType.APPLICATION_JSON)
                .body(new OrderRequest(customerId, new BigDecimal(amount))).exchange().expectStatus().isCreated();
    }

    private void saveScreenshot() throws IOException {
        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "console.png"), png);
        String docs = System.getProperty("kincir.console.screenshot");
        if (docs != null) {
            Files.write(Path.of(docs), png);
        }
    }
}
