package dev.hearth.web.page;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import dev.hearth.app.TestTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian's headless Chromium driven by Playwright, with a WAV file as its microphone. Never a downloaded
 * browser: without {@code /usr/bin/chromium} the page tests are skipped on a workstation and fail in CI.
 */
final class Chromium implements AutoCloseable {
  static final Path EXECUTABLE = Path.of(System.getProperty("hearth.chromium", "/usr/bin/chromium"));

  private final Playwright playwright;
  final Browser browser;

  private Chromium(Playwright playwright, Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  /** Chromium with this machine's own audio devices (none on a CI machine), granting microphone requests. */
  static Chromium withRealDevices() {
    return start(new ArrayList<>(List.of("--use-fake-ui-for-media-stream")));
  }

  /**
   * @param microphone the WAV file the fake microphone plays (in a loop), or null for none
   * @param grantMicrophone whether microphone requests are granted (otherwise they are refused)
   * @param extraArgs more Chromium switches
   */
  static Chromium launch(Path microphone, boolean grantMicrophone, String... extraArgs) {
    List<String> args = new ArrayList<>(List.of("--use-fake-device-for-media-stream"));
    if (grantMicrophone) args.add("--use-fake-ui-for-media-stream");
    if (microphone != null) args.add("--use-file-for-fake-audio-capture=" + microphone);
    args.addAll(List.of(extraArgs));
    return start(args);
  }

  /** As {@link #launch}, with Chromium started by {@code executable} (e.g. a script that runs it in a network namespace). */
  static Chromium launchThrough(Path executable, Path microphone, String... extraArgs) {
    List<String> args = new ArrayList<>(List.of("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
        "--use-file-for-fake-audio-capture=" + microphone));
    args.addAll(List.of(extraArgs));
    return start(executable, args);
  }

  private static Chromium start(List<String> args) {
    return start(EXECUTABLE, args);
  }

  private static Chromium start(Path executable, List<String> args) {
    requireChromium();
    args.addAll(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--ignore-certificate-errors",
        "--autoplay-policy=no-user-gesture-required"));
    Playwright playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    try {
      Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
          .setExecutablePath(executable).setHeadless(true).setArgs(args));
      return new Chromium(playwright, browser);
    } catch (RuntimeException e) {
      playwright.close();
      throw e;
    }
  }

  static void requireChromium() {
    TestTools.require(Files.isExecutable(EXECUTABLE), "page tests need Debian's chromium (sudo apt-get install chromium)");
  }

  @Override
  public void close() {
    playwright.close();
  }
}
