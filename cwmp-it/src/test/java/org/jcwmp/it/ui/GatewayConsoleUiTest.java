package org.jcwmp.it.ui;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jcwmp.cpe.gateway.Gateway;
import org.jcwmp.cpe.gateway.GatewayConfiguration;
import org.jcwmp.cpe.gateway.GatewayConsole;
import org.jcwmp.cpe.gateway.GatewayDrivers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** The gateway's web console in headless chromium: the items table and "Item Updated" events arriving live. */
class GatewayConsoleUiTest {
    @TempDir
    Path dir;
    private Gateway gateway;
    private GatewayConsole console;
    private ChromeDriver driver;

    @BeforeAll
    static void needsBrowser() {
        Browser.assumeInstalled();
    }

    @BeforeEach
    void start() throws Exception {
        gateway = new Gateway(GatewayDrivers.load());
        gateway.apply(GatewayConfiguration.parse("""
                {"items": [{"serial": "987", "vendor": "WEBTECH", "type": "temperatureHumidity", "driver": "simulated",
                            "settings": {"interval": 1, "location": "kitchen"}}]}
                """.getBytes(UTF_8), gateway.drivers()));
        console = new GatewayConsole(gateway, "127.0.0.1", 0);
        driver = Browser.start(dir.resolve("chromium-profile"));
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (console != null) {
            console.close();
        }
        gateway.close();
    }

    private long lastShownId() {
        return driver.findElements(By.cssSelector("#log li")).stream()
                .mapToLong(li -> Long.parseLong(li.getDomAttribute("data-id"))).max().orElse(0);
    }

    @Test
    void itemUpdatedEventsArriveLiveAndSurviveAReconnect() throws Exception {
        driver.get(console.url().toString());
        try {
            await().atMost(Duration.ofSeconds(25)).ignoreExceptions().until(() ->
                    driver.findElement(By.id("status")).getText().startsWith("Connected to:"));
            WebElement row = await().atMost(Duration.ofSeconds(25)).ignoreExceptions()
                    .until(() -> driver.findElement(By.cssSelector("#items tr[data-serial='987']")), e -> e != null);
            assertThat(row.getText()).contains("WEBTECH").contains("temperatureHumidity").contains("kitchen");

            // The simulated sensor reports every second: its events appear without reloading the page.
            List<WebElement> updates = await().atMost(Duration.ofSeconds(25)).ignoreExceptions().until(
                    () -> driver.findElements(By.cssSelector("#log li[data-kind='Item Updated']")), l -> l.size() >= 2);
            assertThat(updates.getFirst().getText()).contains("Item Updated").contains("serial: 987")
                    .contains("vendor: WEBTECH").containsPattern("temp: \\d+\\.\\d°C");
            assertThat(driver.findElement(By.cssSelector("#log li[data-kind='New Configuration']")).getText())
                    .contains("serial: 987");
            Browser.screenshot(driver, "gateway-console");

            // The console goes away and comes back on the same port: EventSource reconnects with Last-Event-ID and
            // the page gets the events it missed, each once.
            long seen = lastShownId();
            int port = console.url().getPort();
            console.close();
            await().atMost(Duration.ofSeconds(25)).ignoreExceptions().until(() ->
                    driver.findElement(By.id("status")).getText().startsWith("Disconnected"));
            long published = gateway.events().lastId();
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.events().lastId() >= published + 2);
            console = new GatewayConsole(gateway, "127.0.0.1", port);
            await().atMost(Duration.ofSeconds(25)).ignoreExceptions().until(() ->
                    driver.findElement(By.id("status")).getText().startsWith("Connected to:"));
            long missedUpTo = gateway.events().lastId();
            await().atMost(Duration.ofSeconds(25)).ignoreExceptions().until(() -> lastShownId() >= missedUpTo);
            List<Long> ids = driver.findElements(By.cssSelector("#log li")).stream()
                    .map(li -> Long.parseLong(li.getDomAttribute("data-id"))).toList();
            assertThat(ids).doesNotHaveDuplicates();
            assertThat(ids).contains(seen + 1, seen + 2);
        } catch (RuntimeException | AssertionError e) {
            Browser.screenshot(driver, "gateway-console-failure");
            throw e;
        }
    }
}
