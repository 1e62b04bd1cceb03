package org.jcwmp.it.ui;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Debian's headless chromium driven through Debian's chromedriver. Both paths are given explicitly, so Selenium
 * Manager never looks for (or downloads) a driver or a browser. Tests skip when the packages are missing.
 */
final class Browser {
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("JCWMP_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("JCWMP_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private Browser() {
    }

    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests skipped: " + CHROMIUM + " or " + CHROMEDRIVER + " is missing "
                        + "(apt-get install -y chromium chromium-driver; .ci/run installs them)");
    }

    static ChromeDriver start(Path profile) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--no-first-run", "--disable-dev-shm-usage", "--window-size=1440,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Saves a screenshot for people to look at (the path is printed). */
    static void screenshot(ChromeDriver driver, String name) {
        try {
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = Path.of(System.getProperty("java.io.tmpdir"), "jcwmp-ui-" + name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            System.out.println("screenshot: " + target);
        } catch (IOException | RuntimeException e) {
            System.out.println("no screenshot " + name + ": " + e);
        }
    }
}
