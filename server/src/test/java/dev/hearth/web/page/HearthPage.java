package dev.hearth.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.ViewportSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** One browser tab on the Hearth page, with what the tests need to drive and observe it. */
final class HearthPage implements AutoCloseable {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  final Page page;
  private final BrowserContext context;
  private CDPSession devtools;
  /** Binary bytes the page received on /ws, counted by the browser's network layer, not by the page. */
  final AtomicLong audioBytesReceived = new AtomicLong();
  /** Text frames the page received on /ws. */
  final List<String> messages = new CopyOnWriteArrayList<>();
  /** Text frames the page sent on /ws. */
  final List<String> sent = new CopyOnWriteArrayList<>();

  HearthPage(Browser browser, int width, int height) {
    this(browser, width, height, true);
  }

  /**
   * @param bypassCsp lets the test evaluate its own scripts in the page (the page's Content-Security-Policy
   *     forbids string evaluation); the policy itself is tested with it off
   */
  HearthPage(Browser browser, int width, int height, boolean bypassCsp) {
    this(browser, new Browser.NewContextOptions().setViewportSize(new ViewportSize(width, height)).setBypassCSP(bypassCsp));
  }

  /** A phone-sized tab (390×844) with a touch screen. */
  static HearthPage phone(Browser browser) {
    return new HearthPage(browser, new Browser.NewContextOptions().setViewportSize(new ViewportSize(390, 844))
        .setHasTouch(true).setIsMobile(true).setBypassCSP(true));
  }

  private HearthPage(Browser browser, Browser.NewContextOptions options) {
    this.context = browser.newContext(options.setIgnoreHTTPSErrors(true));
    this.page = context.newPage();
    page.onWebSocket(ws -> {
      ws.onFrameReceived(frame -> {
        byte[] binary = frame.binary();
        if (frame.text() != null) messages.add(frame.text());
        else if (binary != null) audioBytesReceived.addAndGet(binary.length);
      });
      ws.onFrameSent(frame -> {
        if (frame.text() != null) sent.add(frame.text());
      });
    });
  }

  HearthPage open(String url) {
    page.navigate(url);
    return this;
  }

  String state() {
    return (String) page.evaluate("document.body.dataset.state");
  }

  void awaitState(String state) {
    page.waitForFunction("(s) => document.body.dataset.state === s", state,
        new Page.WaitForFunctionOptions().setTimeout(20_000));
  }

  void awaitIdle() {
    awaitState("idle");
  }

  Object eval(String js) {
    return page.evaluate(js);
  }

  double number(String js) {
    return ((Number) page.evaluate(js)).doubleValue();
  }

  void awaitTrue(String js) {
    page.waitForFunction(js, null, new Page.WaitForFunctionOptions().setTimeout(20_000));
  }

  String text(String selector) {
    return page.locator(selector).last().textContent();
  }

  void type(String text) {
    page.locator("#text").fill(text);
    page.locator("#text").press("Enter");
  }

  void pressTalk() {
    page.locator("#talk").hover();
    page.mouse().down();
  }

  void releaseTalk() {
    page.mouse().up();
  }

  /**
   * Puts a finger on the talk button and leaves it there, through Chromium's own touch input (the tab needs a
   * touch screen, see {@link #phone}); Playwright's touchscreen can only tap.
   */
  void touchTalk() {
    BoundingBox box = page.locator("#talk").boundingBox();
    JsonObject finger = new JsonObject();
    finger.addProperty("x", box.x + box.width / 2);
    finger.addProperty("y", box.y + box.height / 2);
    JsonArray fingers = new JsonArray();
    fingers.add(finger);
    touch("touchStart", fingers);
  }

  void liftTouch() {
    touch("touchEnd", new JsonArray());
  }

  private void touch(String type, JsonArray fingers) {
    if (devtools == null) devtools = context.newCDPSession(page);
    JsonObject event = new JsonObject();
    event.addProperty("type", type);
    event.add("touchPoints", fingers);
    devtools.send("Input.dispatchTouchEvent", event);
  }

  void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
  }

  @Override
  public void close() {
    context.close();
  }

  static void assertNoHorizontalScroll(HearthPage p, int width) {
    assertThat(p.number("document.documentElement.scrollWidth")).isLessThanOrEqualTo(width);
  }
}
