package meridian.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import meridian.server.auth.UserStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web front end in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}) against the real server: the demo spectra and images (with previews),
 * the demo catalogue, the 40 test rows, and one proprietary image only user {@code alice} (group
 * {@code gto}) may see. Every page is written to {@code target/screenshots/*.png}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebFrontEndTest {

    private static final String PASSWORD = "alice's password";
    private static final Path SHOTS = Path.of("target/screenshots");
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private static TestService service;
    private static ChromeDriver browser;
    private static WebDriverWait wait;
    private static Path downloads;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        for (String exe : new String[] {CHROMIUM, CHROMEDRIVER}) {
            assertTrue(Files.isExecutable(Path.of(exe)), exe + " is missing: apt-get install chromium chromium-driver"
                    + " (./meridian test installs them)");
        }
        long t0 = System.nanoTime();
        service = TestService.start(UnaryOperator.identity(), TestPlanner::around);
        Path dir = service.dataDir();
        // two public images (previews drawn at ingestion) and one proprietary image
        ProductRightsTest.image(dir.resolve("sky/sky-1.fits"), 187.7, "P-1", "M 87", null);
        ProductRightsTest.image(dir.resolve("sky/sky-2.fits"), 40.7, "P-2", "NGC 1068", null);
        service.ingest(Files.writeString(Files.createDirectories(dir.resolve("demo/collections")).resolve("sky.yaml"), """
                name: sky
                title: Public camera images
                obs_id_pattern: 'sky-[0-9]+'
                rights: {data_rights: public}
                sources: ['*.fits']
                loader: image
                """), true);
        service.ingestDemoSpectra("spectra", 4);
        publishSmallCatalogue(dir);
        ProductRightsTest.image(dir.resolve("secret/secret-1.fits"), 200, "GTO-1", "Hidden Galaxy", null);
        service.ingest(Files.writeString(dir.resolve("demo/collections/secret.yaml"), """
                name: secret
                title: Guaranteed-time images
                obs_id_pattern: 'secret-[0-9]+'
                rights:
                  data_rights: proprietary
                  proprietary: metadata
                  release_date: 2999-01-01
                  groups: [gto]
                sources: ['*.fits']
                loader: image
                """), false);
        new UserStore(dir.resolve("auth")).putUser("alice", PASSWORD.toCharArray(), List.of("gto"));

        downloads = Files.createTempDirectory("meridian-web-downloads");
        profile = Files.createTempDirectory("meridian-web-chromium");
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1400,1000", "--lang=en");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        System.out.printf("web test archive and browser ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            service.close();
            delete(downloads);
            delete(profile);
        }
    }

    @Test
    @Order(1)
    void landingPageShowsCollectionsCataloguesAndTheCoverageMap() throws IOException {
        open("#/");
        WebElement images = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("article.collection[data-collection='sky']")));
        assertTrue(images.getText().contains("Public camera images"), images.getText());
        String products = images.findElement(By.cssSelector(".n-products")).getText();
        assertEquals(count("obs_collection = 'sky'") + " (2 image)", products);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#catalogues tr[data-table='demo.sources']")));
        wait.until(ExpectedConditions.attributeToBe(By.id("skymap"), "data-ready", "true"));
        // orange product cells and blue catalogue cells are drawn on the canvas
        Long orange = (Long) js("const c = document.getElementById('skymap'); const d = c.getContext('2d')"
                + ".getImageData(0, 0, c.width, c.height).data; let n = 0, b = 0;"
                + "for (let i = 0; i < d.length; i += 4) { if (d[i] > 200 && d[i+1] > 100 && d[i+1] < 190 && d[i+2] < 120) n++; }"
                + "return n;");
        assertTrue(orange > 50, "orange pixels: " + orange);
        assertTrue(browser.getPageSource().contains(service.tapUrl() + "/capabilities"), "the endpoint list is kept");
        assertTrue(anonymousNotProprietary(), "anonymous visitors do not see the proprietary collection");
        shot("landing");
        // a click on the map offers a search there
        WebElement map = browser.findElement(By.id("skymap"));
        new org.openqa.selenium.interactions.Actions(browser).moveToElement(map, 0, 0).click().perform();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("pick-products")));
    }

    @Test
    @Order(2)
    void adqlQueryRunsAsAJobAndItsResultSortsAndPages() throws IOException {
        open("#/query");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("details.table[data-table='ivoa.obscore']")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#examples .example-use")));
        // a validation error names its line and column
        type("SELECT obs_id\nFROM ivoa.obscore WHERE nope = 1");
        browser.findElement(By.id("validate")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("adql-error")));
        assertTrue(error.getText().contains("Line 2, column 25"), error.getText());

        type("SELECT obs_id, s_ra, s_dec\nFROM ivoa.obscore\nWHERE obs_id LIKE 'obs-%'");
        browser.findElement(By.id("run")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-state"), "COMPLETED"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#results .count"), "of 40"));
        new Select(browser.findElement(By.cssSelector("#results .pager select"))).selectByValue("25");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#results .count"), "Rows 1–25 of 40"));
        assertEquals(25, browser.findElements(By.cssSelector("table.result tbody tr")).size());
        sortBy("s_ra");
        sortBy("s_ra"); // descending
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("table.result tbody tr td:nth-child(1)"), "obs-39"));
        browser.findElement(By.cssSelector("#results button.next")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#results .count"), "Rows 26–40 of 40"));
        assertEquals(15, browser.findElements(By.cssSelector("table.result tbody tr")).size());
        assertEquals("obs-14", firstCell(1));
        shot("query");

        // the job is in the job list with its result
        open("#/jobs");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("jobs"), "obs_id LIKE 'obs-%'"));
        shot("jobs");
    }

    @Test
    @Order(3)
    void aMillionRowResultShowsItsFirstPageWithoutBeingReadWhole() throws IOException {
        open("#/images");
        // 2,000 x 2,000 catalogue rows, at most a million: streamed through the same result view
        js("import('./web/js/api.js').then(api => import('./web/js/results.js').then(r => r.showResult({ title: 'Big',"
                + " url: api.tapSyncUrl('SELECT a.source_id AS a_id, b.source_id AS b_id, a.gmag"
                + " FROM demo.sources AS a, demo.sources AS b', 'votable/td', 1000000) })))");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#results .count"), "Rows 1–50 of"));
        String count = browser.findElement(By.cssSelector("#results .count")).getText();
        assertTrue(count.contains("+ (more are read as you page on)"), count);
        long loaded = Long.parseLong(count.replaceAll(".* of ([0-9,]+)\\+.*", "$1").replace(",", ""));
        assertTrue(loaded < 20_000, "rows read ahead: " + loaded);
        // the page answers at once, and paging on reads more
        browser.findElement(By.cssSelector("#results button.next")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#results .count"), "Rows 51–100 of"));
        shot("big-result");
    }

    @Test
    @Order(4)
    void aRunningJobCanBeCancelled() {
        open("#/query");
        type(TestPlanner.slow(500));
        browser.findElement(By.id("run")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-state"), "EXECUTING"));
        browser.findElement(By.id("cancel")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-state"), "ABORTED"));
        assertTrue(browser.findElement(By.id("cancel")).getAttribute("hidden") != null);
    }

    @Test
    @Order(5)
    void aSpectrumFoundBySsaPlotsAndItsCutoutIsMade() throws IOException {
        open("#/spectra");
        WebElement ssa = browser.findElement(By.id("ssa-form"));
        js("document.getElementById('ssa-form').elements.from.value = '2020-01-01'"); // the demo spectra, not the test rows
        ssa.findElement(By.cssSelector("button.primary")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#results .count"), "of 4"));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("table.result button.links"))).click();
        WebElement plot = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#spectrum-plot .uplot canvas")));
        assertTrue(plot.getSize().getWidth() > 250);
        assertTrue(browser.findElement(By.id("spectrum-plot")).getText().contains("±1σ band"), "the flux error is drawn");
        new Select(browser.findElement(By.cssSelector("#spectrum-plot select.unit-select"))).selectByValue("Å");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#spectrum-plot .u-legend"), "λ (Å)"));
        double before = xRange();
        browser.findElement(By.xpath("//div[@id='spectrum-plot']//button[text()='Zoom in']")).click();
        assertTrue(xRange() < before * 0.6, "zoomed in: " + before + " -> " + xRange());
        js("document.getElementById('detail').scrollIntoView()");
        shot("spectrum");

        // the cutout form is built from the SODA descriptor, with a band preset in the middle
        WebElement form = browser.findElement(By.id("cutout-form"));
        form.findElement(By.cssSelector("button.primary")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#cutout-form .cutout-result"), "Cutout ready"));
        assertTrue(form.getText().contains("application/fits"), form.getText());
    }

    @Test
    @Order(6)
    void anImageShowsItsPreviewAndCutsOut() throws IOException {
        open("#/images");
        WebElement form = browser.findElement(By.id("img-form"));
        new Select(form.findElement(By.name("type"))).selectByValue("image");
        form.findElement(By.name("target")).sendKeys("m 87");
        form.findElement(By.cssSelector("button.primary")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("table.result button.links"))).click();
        wait.until(d -> (Boolean) js("const i = document.querySelector('#detail img.preview');"
                + " return !!i && i.complete && i.naturalWidth > 0;"));
        WebElement cut = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cutout-form")));
        cut.findElement(By.cssSelector("button.primary")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#cutout-form .cutout-result"), "Cutout ready"));
        js("document.getElementById('detail').scrollIntoView()");
        shot("image");
    }

    @Test
    @Order(7)
    void csvAndBundleDownloads() throws Exception {
        open("#/query");
        type("SELECT TOP 2 obs_publisher_did, obs_id FROM ivoa.obscore\nWHERE obs_collection = 'sky' ORDER BY obs_id");
        browser.findElement(By.id("run")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#results .count"), "of 2"));
        browser.findElement(By.cssSelector("#downloads button[data-format='CSV']")).click();
        Path csv = downloaded(".csv");
        List<String> lines = Files.readAllLines(csv);
        assertEquals("obs_publisher_did,obs_id", lines.get(0));
        assertEquals(3, lines.size(), lines.toString());

        for (WebElement box : browser.findElements(By.cssSelector("table.result .basket-toggle input"))) {
            box.click();
        }
        wait.until(ExpectedConditions.textToBe(By.id("basket-count"), "2"));
        open("#/basket");
        new Select(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("bundle-format")))).selectByValue("zip");
        shot("basket");
        browser.findElement(By.id("bundle-download")).click();
        Path zip = downloaded(".zip");
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        assertEquals("MANIFEST.txt", names.get(0), names.toString());
        assertTrue(names.stream().filter(n -> n.endsWith(".fits")).count() >= 2, names.toString());
    }

    @Test
    @Order(8)
    void loggingInShowsTheProprietaryProduct() throws IOException {
        open("#/");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("login-open"))).click();
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-dialog")));
        dialog.findElement(By.name("user")).sendKeys("alice");
        dialog.findElement(By.name("password")).sendKeys("wrong");
        dialog.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "Wrong user name"));
        dialog.findElement(By.name("password")).clear();
        dialog.findElement(By.name("password")).sendKeys(PASSWORD);
        dialog.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user-name"), "alice"));
        WebElement secret = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("article.collection[data-collection='secret']")));
        assertTrue(secret.getText().contains("Guaranteed-time images"), secret.getText());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("access-note"), "1 of them proprietary"));
        shot("logged-in");
        secret.findElement(By.xpath(".//button[text()='Browse products']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("table.result tbody"), "ivo://"));
        assertEquals(1, browser.findElements(By.cssSelector("table.result tbody tr")).size());
        browser.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("login-open")));
    }

    // ---------------------------------------------------------------- helpers

    /** The demo catalogue's definition with 2,000 rows instead of 100,000 (loading those takes half a minute). */
    private static void publishSmallCatalogue(Path dir) throws Exception {
        List<double[]> near = List.of(new double[] {187.2779, 2.0524}, new double[] {40.6696, -0.0133});
        Path yaml = meridian.ingest.demo.DemoCatalogue.generate(dir, near);
        meridian.ingest.demo.DemoCatalogue.write(meridian.ingest.demo.DemoCatalogue.table(2000, near),
                yaml.resolveSibling("sources.fits"), new uk.ac.starlink.fits.FitsTableWriter());
        new meridian.ingest.catalogue.CatalogueLoader(service.archive().database())
                .load(meridian.ingest.catalogue.CatalogueDefinition.load(yaml), false, rows -> { });
    }

    private static int loads;

    /** Loads the page afresh (a new query string, so not just a hash change) at this route. */
    private static void open(String hash) {
        browser.get(service.baseUrl() + "/?load=" + ++loads + hash);
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /** Replaces the editor's text, as typed. */
    private static void type(String adql) {
        WebElement editor = wait.until(ExpectedConditions.elementToBeClickable(By.id("adql")));
        editor.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        editor.sendKeys(adql);
    }

    private static void sortBy(String column) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.sort[data-column='" + column + "']"))).click();
    }

    private static String firstCell(int column) {
        return browser.findElement(By.cssSelector("table.result tbody tr td:nth-child(" + column + ")")).getText();
    }

    /** The plot's visible wavelength range. */
    private static double xRange() {
        return ((Number) js("const d = document.querySelector('#spectrum-plot .plot').dataset;"
                + " return Number(d.xmax) - Number(d.xmin);")).doubleValue();
    }

    private static long count(String where) {
        return Long.parseLong(io.restassured.RestAssured.given().baseUri(service.baseUrl())
                .formParams(Map.of("LANG", "ADQL", "QUERY", "SELECT COUNT(*) AS n FROM ivoa.obscore WHERE " + where,
                        "RESPONSEFORMAT", "csv")).post("/tap/sync").asString().split("\n")[1].trim());
    }

    private static boolean anonymousNotProprietary() {
        return browser.findElements(By.cssSelector("article.collection[data-collection='secret']")).isEmpty()
                && count("obs_collection = 'secret'") == 0;
    }

    /** Waits for a finished download with this ending and returns it (the newest). */
    private static Path downloaded(String ending) throws IOException {
        wait.until(d -> {
            try (Stream<Path> s = Files.list(downloads)) {
                return s.anyMatch(p -> p.toString().endsWith(ending));
            } catch (IOException e) {
                return false;
            }
        });
        try (Stream<Path> s = Files.list(downloads)) {
            return s.filter(p -> p.toString().endsWith(ending))
                    .max(Comparator.comparingLong(p -> p.toFile().lastModified())).orElseThrow();
        }
    }

    private static void shot(String name) throws IOException {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
