package org.jcwmp.it.ui;

import org.jcwmp.acs.AcsListener;
import org.jcwmp.acs.AcsServer;
import org.jcwmp.acs.auth.Role;
import org.jcwmp.acs.store.Device;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.cpe.CpeAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web UI in a real browser against a real ACS and a real agent: log in, find the device, change a writable
 * parameter and see the new value arrive on the device, watch a live event appear.
 */
class WebUiTest {
    private static final String SERIAL = "UI0001";
    private static final String ID = "00D09E-HomeGateway-" + SERIAL;
    private static final String NTP = "Device.Time.NTPServer1";

    @TempDir
    Path dir;
    private AcsServer acs;
    private CpeAgent agent;
    private ChromeDriver driver;

    @BeforeAll
    static void needsBrowser() {
        Browser.assumeInstalled();
    }

    @BeforeEach
    void start() {
        acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).dataDirectory(dir.resolve("acs"))
                .cpeCredentials("cpe", "cpe-secret").connectionRequestCredentials("acs", "cr-secret")
                .initialAdmin("admin", "browser-pass").passwordHashIterations(1000).fileServer("127.0.0.1", 0).build().start();
        Set<String> informed = ConcurrentHashMap.newKeySet();
        acs.addListener(new AcsListener() {
            @Override
            public void informed(Device device, Inform inform) {
                informed.add(device.id());
            }
        });
        agent = CpeAgent.builder().acsUrl(URI.create(acs.cwmpUrl())).acsCredentials("cpe", "cpe-secret")
                .stateDirectory(dir.resolve("cpe")).deviceId(new DeviceIdStruct("jcwmp", "00D09E", "HomeGateway", SERIAL))
                .connectionRequestCredentials("acs", "cr-secret").connectionRequestAddress("127.0.0.1", 0)
                .periodicInformInterval(Duration.ofHours(1)).build();
        agent.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> informed.contains(ID));
        driver = Browser.start(dir.resolve("chromium-profile"));
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (agent != null) {
            agent.stop();
        }
        acs.stop();
    }

    /** Waits for an element to be shown (plain Awaitility: selenium-support is not needed for this). */
    private WebElement visible(By by) {
        try {
            return waitVisible(by);
        } catch (RuntimeException e) {
            Browser.screenshot(driver, "failure");
            System.out.println("browser console: " + driver.manage().logs().get("browser").getAll());
            throw e;
        }
    }

    private WebElement waitVisible(By by) {
        return await().atMost(Duration.ofSeconds(25)).ignoreExceptions().until(() -> {
            WebElement e = driver.findElement(by);
            return e.isDisplayed() ? e : null;
        }, e -> e != null);
    }

    private void textIn(By by, String text) {
        await().atMost(Duration.ofSeconds(25)).ignoreExceptions().until(() -> driver.findElement(by).getText().contains(text));
    }

    private void logIn(String user, String password) {
        driver.get(acs.nbiUrl() + "ui/");
        visible(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-button")).click();
        visible(By.cssSelector("#nav a.active"));
    }

    @Test
    void logInFindTheDeviceChangeAValueAndWatchLiveEvents() {
        driver.get(acs.nbiUrl() + "ui/");
        visible(By.id("username")).sendKeys("admin");
        driver.findElement(By.id("password")).sendKeys("wrong-password", Keys.ENTER);
        textIn(By.id("login-error"), "wrong username or password");
        Browser.screenshot(driver, "login");
        driver.findElement(By.id("password")).clear();
        driver.findElement(By.id("password")).sendKeys("browser-pass", Keys.ENTER);

        // Dashboard: one device, online.
        textIn(By.cssSelector(".stats"), "Online");
        await().atMost(Duration.ofSeconds(25)).ignoreExceptions()
                .until(() -> driver.findElement(By.cssSelector(".stats .stat .value")).getText().equals("1"));
        visible(By.cssSelector("svg.chart rect.bar"));
        Browser.screenshot(driver, "dashboard");

        // Devices: search by serial number, open the device.
        driver.findElement(By.linkText("Devices")).click();
        WebElement search = visible(By.id("device-search"));
        search.sendKeys(SERIAL, Keys.ENTER);
        WebElement link = visible(By.cssSelector("tr[data-device='" + ID + "'] a"));
        assertThat(driver.findElements(By.cssSelector("#device-table tbody tr"))).hasSize(1);
        Browser.screenshot(driver, "devices");
        link.click();

        // The device page: read the whole tree from the device, open Device.Time., edit NTPServer1.
        visible(By.cssSelector("#parameter-tree li.object"));
        driver.findElement(By.id("btn-refresh")).click();
        WebElement time = visible(By.cssSelector("li.object[data-path='Device.Time.'] .obj-name"));
        time.click();
        WebElement ntp = visible(By.cssSelector("li.param[data-name='" + NTP + "']"));
        ntp.findElement(By.cssSelector("button.edit")).click();
        WebElement input = visible(By.cssSelector("li.param[data-name='" + NTP + "'] .edit-input"));
        input.clear();
        input.sendKeys("ntp.browser.test", Keys.ENTER);
        await().atMost(Duration.ofSeconds(20)).until(() -> agent.parameterValue(NTP).equals("ntp.browser.test"));
        textIn(By.cssSelector("span.value[data-param='" + NTP + "']"), "ntp.browser.test");
        assertThat(acs.devices().parameters(ID, NTP).getFirst().value()).isEqualTo("ntp.browser.test");
        textIn(By.id("device-events"), "setParameterValues done");

        // A live event: the device's next session (a connection request) shows up in its timeline.
        driver.findElement(By.id("btn-cr")).click();
        textIn(By.id("device-events"), "6 CONNECTION REQUEST");
        textIn(By.id("device-events"), "connection request (http) delivered");
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        Browser.screenshot(driver, "device");

        // The account page: make an API token; its secret is shown once.
        driver.findElement(By.linkText("Account")).click();
        visible(By.id("token-label")).sendKeys("ci-script");
        driver.findElement(By.cssSelector("#token-label ~ button")).click();
        assertThat(visible(By.id("token-secret")).getText()).startsWith("jcwmp_");
        textIn(By.cssSelector("section.card"), "ci-script");
        Browser.screenshot(driver, "account");
    }

    @Test
    void readOnlyUsersSeeButCannotChange() {
        acs.auth().putUser("viewer", "viewer-pass", Role.READ_ONLY);
        logIn("viewer", "viewer-pass");
        driver.get(acs.nbiUrl() + "ui/#/device/" + ID);
        visible(By.cssSelector("#parameter-tree li.object"));
        assertThat(driver.findElement(By.id("btn-reboot")).isEnabled()).isFalse();
        assertThat(driver.findElements(By.cssSelector("button.edit"))).isEmpty();

        acs.operations().services().presets().put("bootstrap", "{\"events\": [\"0 BOOTSTRAP\"], \"weight\": 10, "
                + "\"parameters\": {\"Device.ManagementServer.PeriodicInformInterval\": 3600}, \"tags\": [\"provisioned\"]}",
                java.time.Instant.now());
        driver.get(acs.nbiUrl() + "ui/#/presets");
        visible(By.cssSelector("#preset-table tbody tr"));
        assertThat(driver.findElements(By.id("new-preset"))).isEmpty();
        Browser.screenshot(driver, "presets");
        driver.get(acs.nbiUrl() + "ui/#/files");
        textIn(By.id("file-table"), "No file yet.");
        assertThat(driver.findElements(By.id("file-upload"))).as("read-only users get no upload form").isEmpty();
        driver.get(acs.nbiUrl() + "ui/#/campaigns");
        textIn(By.id("campaign-table"), "No campaign yet.");
        assertThat(driver.findElements(By.id("campaign-create"))).as("read-only users get no create form").isEmpty();
    }

    @Test
    void uploadAFirmwareImageOnTheFilesPage() throws Exception {
        java.nio.file.Path image = dir.resolve("router-2.0.bin");
        java.nio.file.Files.write(image, new byte[4096]);
        logIn("admin", "browser-pass");
        driver.get(acs.nbiUrl() + "ui/#/files");
        textIn(By.id("file-table"), "No file yet.");
        driver.findElement(By.id("file-input")).sendKeys(image.toAbsolutePath().toString());
        driver.findElement(By.id("file-oui")).sendKeys("00D09E");
        driver.findElement(By.id("file-product-class")).sendKeys("HomeGateway");
        driver.findElement(By.id("file-version")).sendKeys("2.0");
        driver.findElement(By.id("upload-file")).click();
        visible(By.cssSelector("#file-table tr[data-file='router-2.0.bin']"));
        textIn(By.cssSelector("#file-table tr[data-file='router-2.0.bin']"), "4.0 KB");
        Browser.screenshot(driver, "files");
        var stored = acs.fileServer().orElseThrow().repository().file("router-2.0.bin").orElseThrow();
        assertThat(stored.size()).isEqualTo(4096);
        assertThat(stored.fileType()).isEqualTo("1 Firmware Upgrade Image");
        assertThat(stored.version()).isEqualTo("2.0");
        assertThat(stored.productClass()).isEqualTo("HomeGateway");

        // The campaigns page offers the firmware image; a campaign for a query that matches nobody is refused.
        driver.get(acs.nbiUrl() + "ui/#/campaigns");
        textIn(By.id("campaign-file"), "router-2.0.bin (2.0)");
        driver.findElement(By.id("campaign-name")).sendKeys("router 2.0");
        WebElement query = driver.findElement(By.id("campaign-query"));
        query.clear();
        query.sendKeys("{\"_deviceId._ProductClass\": \"NoSuchBox\"}");
        driver.findElement(By.id("campaign-start")).click();
        textIn(By.id("campaign-error"), "the query matches no device");
        textIn(By.id("campaign-table"), "No campaign yet.");

        // One that matches the agent: a row with its counts, then paused from its button.
        query.clear();
        query.sendKeys("{\"_deviceId._ProductClass\": \"HomeGateway\"}");
        driver.findElement(By.id("campaign-cr")).click(); // no connection request: the Download waits in the queue
        driver.findElement(By.id("campaign-start")).click();
        textIn(By.cssSelector("#campaign-table tbody tr"), "router 2.0");
        textIn(By.cssSelector("#campaign-table tbody tr"), "running");
        Browser.screenshot(driver, "campaigns");
        visible(By.cssSelector("#campaign-table button[data-action='pause']")).click();
        textIn(By.cssSelector("#campaign-table tbody tr"), "paused");
        assertThat(acs.operations().campaigns().store().list(0, 10)).singleElement()
                .satisfies(c -> assertThat(c.status().json()).isEqualTo("paused"));
    }
}
