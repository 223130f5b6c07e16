package com.hostmcp.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hostmcp.standin.hostaway.HostawaySeedAccounts;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * A new user's first minutes, in a real headless Chromium against the running stack and the real Keycloak (issue 7's
 * end-to-end requirement): the signed-out dashboard, "Create account", Keycloak's registration form, the onboarding
 * (connect Hostaway, create the first key, copy it, the MCP client configuration), then that very key in the official
 * MCP Java SDK calling {@code list_listings}, and the call showing up on the usage and audit pages. Every page is
 * saved as a screenshot; a failure also saves the page source and the browser console.
 *
 * <p>
 * Uses the Hostaway stand-in's seed account {@link HostawaySeedAccounts#SMALL_ACCOUNT_ID} read-only (connecting and
 * listing only read it; no other local-stack test writes to it).
 */
final class BrowserOnboardingJourney {

    /** How long the onboarding took (dashboard opened to key copied) and the whole journey. */
    record Timings(Duration onboarding, Duration total) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long ACCOUNT = HostawaySeedAccounts.SMALL_ACCOUNT_ID;
    private static final String SECRET = HostawaySeedAccounts.SMALL_SECRET;
    private static final Pattern API_KEY = Pattern.compile("hmcp_[0-9A-Za-z]{28}");
    /** A page change, a redirect chain through Keycloak, one backend round trip. */
    private static final Duration STEP = Duration.ofSeconds(30);
    /** The usage and audit pages: the call travels gateway -> Kafka -> audit-service first. */
    private static final Duration PROPAGATION = Duration.ofSeconds(30);
    private static final String KEY_NAME = "Laptop (e2e)";

    private final String dashboardUrl;
    private final String gatewayUrl;
    private final Path screenshots;
    private int shots;
    private String step = "starting Chromium";
    private HeadlessChromium chromium;
    private WebDriver driver;

    /**
     * @param state the stack's state.env ({@code DASHBOARD_URL}, {@code GATEWAY_URL})
     * @param screenshots emptied first; one PNG per page, plus {@code failure.*} on failure
     */
    BrowserOnboardingJourney(Map<String, String> state, Path screenshots) {
        this.dashboardUrl = state.get("DASHBOARD_URL").replaceAll("/+$", "");
        this.gatewayUrl = state.get("GATEWAY_URL");
        this.screenshots = screenshots;
    }

    /** Screenshots under {@code target/e2e-screenshots/}. */
    BrowserOnboardingJourney(Map<String, String> state) {
        this(state, TestDirs.buildDir().resolve("e2e-screenshots"));
    }

    Timings run() throws Exception {
        TestDirs.delete(screenshots);
        Files.createDirectories(screenshots);
        long started = System.nanoTime();
        try (HeadlessChromium browser = new HeadlessChromium()) {
            chromium = browser;
            driver = browser.driver();
            try {
                Timings timings = journey(started);
                System.out.printf("browser onboarding: sign-up to key copied %d ms, whole journey %d ms"
                        + " (screenshots in %s)%n", timings.onboarding().toMillis(), timings.total().toMillis(),
                        screenshots);
                return timings;
            } catch (Throwable failure) {
                browser.saveEvidence(screenshots, "failure", failure);
                throw new AssertionError("browser onboarding failed while " + step + " at " + currentUrl()
                        + "; screenshot, page source and console: " + screenshots.resolve("failure.*"), failure);
            }
        }
    }

    private Timings journey(long started) throws Exception {
        step("opening the dashboard signed out");
        chromium.grantClipboard(dashboardUrl);
        long opened = System.nanoTime();
        driver.get(dashboardUrl + "/");
        WebElement createAccount = visible(By.id("create-account"));
        assertThat(createAccount.getAttribute("href")).as("Create account link").endsWith("/login");
        assertThat(visible(By.id("sign-in")).getAttribute("href")).as("Sign in link").endsWith("/login");
        screenshot("signed-out");

        step("following Create account to Keycloak's sign-in page");
        createAccount.click();
        WebElement register = visible(By.cssSelector("#kc-registration a"));
        assertThat(driver.getCurrentUrl()).as("Keycloak's sign-in page of the hostmcp realm")
                .contains("/realms/" + KeycloakRealm.REALM + "/");
        screenshot("keycloak-sign-in");

        step("registering on Keycloak's registration page");
        register.click();
        visible(By.id("kc-register-form"));
        String username = "e2e-browser-" + UUID.randomUUID().toString().substring(0, 8);
        // the realm asks for a user name unless it uses the e-mail as one
        if (!driver.findElements(By.id("username")).isEmpty()) {
            type("username", username);
        }
        type("email", username + "@example.com");
        type("firstName", "Eve");
        type("lastName", "Onboarding");
        String password = Secrets.password();
        type("password", password);
        type("password-confirm", password);
        screenshot("keycloak-registration");
        driver.findElement(By.cssSelector("#kc-register-form [type=submit]")).click();

        step("arriving in the dashboard's onboarding after the registration");
        until("back in the dashboard", () -> driver.getCurrentUrl().startsWith(dashboardUrl));
        until("the onboarding route", () -> driver.getCurrentUrl().contains("#/onboarding"));
        visible(By.id("hostaway-account-id"));
        assertThat(label("hostaway-account-id")).containsIgnoringCase("Hostaway account ID");
        assertThat(label("hostaway-secret")).containsIgnoringCase("API secret");
        assertThat(driver.findElement(By.id("hostaway-secret")).getAttribute("type")).isEqualTo("password");
        JsonNode me = api("/api/me");
        assertThat(me.at("/organization/role").asText()).as("/api/me of the new user: %s", me).isEqualTo("OWNER");
        assertThat(me.at("/onboarding/hostawayConnected").asBoolean(true)).isFalse();
        screenshot("onboarding-connect-hostaway");

        step("connecting the Hostaway account");
        type("hostaway-account-id", Long.toString(ACCOUNT));
        type("hostaway-secret", SECRET);
        driver.findElement(By.id("connect-hostaway")).click();
        until("the key step once Hostaway is connected", () -> displayedAndEnabled(By.id("create-key")));
        assertThat(text(By.id("connect-status"))).as("#connect-status").isNotBlank();
        JsonNode connection = api("/api/hostaway-connection");
        assertThat(connection.path("status").asText()).as("/api/hostaway-connection: %s", connection)
                .isEqualTo("CONNECTED");
        assertThat(connection.path("accountId").asText()).isEqualTo(Long.toString(ACCOUNT));
        screenshot("onboarding-hostaway-connected");

        step("creating the first API key");
        type("key-name", KEY_NAME);
        driver.findElement(By.id("create-key")).click();
        until("the new key in #new-api-key", () -> API_KEY.matcher(text(By.id("new-api-key"))).matches());
        String key = text(By.id("new-api-key"));
        assertThat(driver.findElement(By.tagName("body")).getText()).as("the warning that the key is shown once")
                .containsIgnoringCase("once");
        screenshot("onboarding-key-created");

        step("copying the key to the clipboard");
        driver.findElement(By.id("copy-api-key")).click();
        until("#copy-api-key saying Copied", () -> "Copied".equalsIgnoreCase(text(By.id("copy-api-key"))));
        String copied = chromium.readClipboard();
        Duration onboarding = Duration.ofNanos(System.nanoTime() - opened);
        assertThat(copied).as("the clipboard after #copy-api-key").isEqualTo(key);

        step("reading the MCP client configurations");
        for (String snippet : List.of("config-claude-desktop", "config-cursor", "config-generic")) {
            WebElement config = visible(By.id(snippet));
            scrollTo(config);
            assertThat(config.getText()).as("#%s", snippet).contains(gatewayUrl).contains(key);
        }
        screenshot("onboarding-client-configuration");

        step("calling list_listings with the copied key through the MCP Java SDK");
        try (McpSyncClient mcp = McpSdkClient.connect(gatewayUrl, copied)) {
            McpSchema.CallToolResult result = mcp.callTool(new McpSchema.CallToolRequest("list_listings",
                    Map.of("limit", 10)));
            assertThat(result.isError()).as("list_listings: %s", result.content()).isNotEqualTo(Boolean.TRUE);
            JsonNode listings = JSON.valueToTree(result.structuredContent());
            assertThat(listings.path("items")).as("list_listings items: %s", listings).isNotEmpty()
                    .allSatisfy(item -> assertThat(item.path("id").asLong() / 10_000)
                            .as("listing of Hostaway account %d", ACCOUNT).isEqualTo(ACCOUNT));
        }

        step("finishing the onboarding");
        WebElement finish = visible(By.id("finish-onboarding"));
        scrollTo(finish);
        finish.click();
        until("the usage page after Finish", () -> driver.getCurrentUrl().contains("#/usage"));

        step("checking the key on the keys page");
        String hint = key.substring(key.length() - 4);
        open("#/keys");
        until("the new key's row in #keys-table", () -> text(By.id("keys-table")).contains(KEY_NAME)
                && text(By.id("keys-table")).contains(hint));
        assertThat(text(By.id("keys-table"))).as("the keys table never shows a full key").doesNotContain(key);
        screenshot("keys");

        step("waiting for the call on the usage page");
        awaitWithReloads("#/usage", "#usage-mtd-requests >= 1 and a list_listings row in #usage-per-tool",
                () -> number(text(By.id("usage-mtd-requests"))) >= 1 && toolRequests("list_listings") >= 1);
        assertThat(driver.findElement(By.id("usage-chart")).getAttribute("role")).isEqualTo("img");
        screenshot("usage");

        step("checking the trial on the billing page");
        open("#/billing");
        until("the trial banner", () -> text(By.id("billing-banner")).toLowerCase(Locale.ROOT).contains("trial"));
        assertThat(driver.findElements(By.id("subscribe"))).as("#subscribe for an owner on trial").isNotEmpty();
        screenshot("billing");

        step("waiting for the call on the audit page");
        awaitWithReloads("#/audit", "a list_listings row of the new key in #audit-table",
                () -> rows(By.id("audit-table")).stream().anyMatch(row -> row.contains("list_listings")
                        && row.contains(hint)));
        screenshot("audit");

        return new Timings(onboarding, Duration.ofNanos(System.nanoTime() - started));
    }

    private void step(String description) {
        step = description;
    }

    private void open(String route) {
        driver.get(dashboardUrl + "/" + route);
    }

    /** Reloads {@code route} every two seconds until {@code condition} holds, at most {@link #PROPAGATION}. */
    private void awaitWithReloads(String route, String what, Supplier<Boolean> condition) throws InterruptedException {
        open(route);
        long deadline = System.nanoTime() + PROPAGATION.toNanos();
        while (true) {
            try {
                if (new WebDriverWait(driver, Duration.ofSeconds(2)).ignoring(NoSuchElementException.class)
                        .ignoring(StaleElementReferenceException.class).until(d -> condition.get())) {
                    return;
                }
            } catch (TimeoutException notYet) {
                // reload below: the SPA fetches once per page view
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PROPAGATION.toSeconds() + " s: " + what + pageProblems());
            }
            driver.navigate().refresh();
        }
    }

    private void until(String what, Supplier<Boolean> condition) {
        new WebDriverWait(driver, STEP).ignoring(NoSuchElementException.class)
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "waiting for " + what + pageProblems()).until(d -> condition.get());
    }

    private WebElement visible(By locator) {
        until(locator + " visible", () -> driver.findElement(locator).isDisplayed());
        return driver.findElement(locator);
    }

    private boolean displayedAndEnabled(By locator) {
        WebElement element = driver.findElement(locator);
        return element.isDisplayed() && element.isEnabled();
    }

    private void type(String id, String value) {
        WebElement input = visible(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private String text(By locator) {
        return driver.findElement(locator).getText().strip();
    }

    private String label(String inputId) {
        return text(By.cssSelector("label[for='" + inputId + "']"));
    }

    private void scrollTo(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    }

    /** The text of every row of a table, cells separated by " | ". */
    private List<String> rows(By table) {
        return driver.findElement(table).findElements(By.tagName("tr")).stream()
                .map(row -> row.findElements(By.cssSelector("th, td")).stream().map(WebElement::getText)
                        .collect(Collectors.joining(" | ")))
                .toList();
    }

    /** The requests cell (the one after the tool's name) of {@code tool}'s row in #usage-per-tool, or 0. */
    private long toolRequests(String tool) {
        for (WebElement row : driver.findElement(By.id("usage-per-tool")).findElements(By.tagName("tr"))) {
            List<WebElement> cells = row.findElements(By.cssSelector("th, td"));
            for (int i = 0; i < cells.size() - 1; i++) {
                if (cells.get(i).getText().strip().equals(tool)) {
                    return number(cells.get(i + 1).getText());
                }
            }
        }
        return 0;
    }

    /** The digits of a formatted count ("1,234" or "1 234" -> 1234), 0 without any. */
    private static long number(String text) {
        String digits = text.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }

    /** GET {@code path} of the dashboard API from the page, with the browser's session, as the SPA calls it. */
    private JsonNode api(String path) throws IOException {
        Object answer = ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {headers: {'X-Requested-With': 'JavaScript', 'Accept': 'application/json'}})"
                + ".then(r => r.text().then(body => done(r.status + ' ' + body)), e => done('0 ' + e));", path);
        String[] statusAndBody = String.valueOf(answer).split(" ", 2);
        assertThat(statusAndBody[0]).as("GET %s from the signed-in page: %s", path, answer).isEqualTo("200");
        return JSON.readTree(statusAndBody[1]);
    }

    /** Keycloak's form errors, when the registration did not go through. */
    private String keycloakErrors() {
        try {
            return driver.findElements(By.cssSelector("[id^='input-error'], .kc-feedback-text, .pf-m-danger"))
                    .stream().map(WebElement::getText).filter(t -> !t.isBlank()).collect(Collectors.joining("; "));
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** For failure messages: the URL and what the page says in its alerts (or Keycloak in its form errors). */
    private String pageProblems() {
        try {
            String alerts = driver.findElements(By.cssSelector("[role=alert]")).stream()
                    .filter(WebElement::isDisplayed).map(WebElement::getText).filter(t -> !t.isBlank())
                    .collect(Collectors.joining("; "));
            String keycloak = driver.getCurrentUrl().contains("/realms/") ? keycloakErrors() : "";
            return " (at " + driver.getCurrentUrl() + (alerts.isEmpty() ? "" : "; alerts: " + alerts)
                    + (keycloak.isEmpty() ? "" : "; Keycloak says: " + keycloak) + ")";
        } catch (RuntimeException e) {
            return "";
        }
    }

    private String currentUrl() {
        try {
            return driver.getCurrentUrl();
        } catch (RuntimeException e) {
            return "(no page)";
        }
    }

    /** {@code NN-page.png}, numbered in the order of the journey. */
    private void screenshot(String page) {
        shots++;
        chromium.screenshot(screenshots.resolve(String.format("%02d-%s.png", shots, page)));
    }
}
