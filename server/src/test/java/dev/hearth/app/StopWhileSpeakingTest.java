package dev.hearth.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A server stopped while MaryTTS {@code /process} and {@code /v1/audio/speech} answers are still being spoken. Jetty
 * recycles those requests under their handlers; Javalin's own answer to the error that follows failed on the recycled
 * response, and each failure was queued for the same answer: the request threads looped for good, logging at full speed
 * (in CI that filled the disk). The stop now ends with the log quiet.
 */
@Tag("model")
class StopWhileSpeakingTest {
  private static final String LONG_TEXT = "The quick brown fox jumps over the lazy dog near the river bank. ".repeat(60);

  @TempDir
  Path data;

  /** Counts warnings and errors from any logger. */
  private final AtomicLong warnings = new AtomicLong();
  private final AppenderBase<ILoggingEvent> counter = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent event) {
      if (event.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN)) warnings.incrementAndGet();
    }
  };

  @BeforeEach
  void count() {
    counter.start();
    root().addAppender(counter);
  }

  @AfterEach
  void stopCounting() {
    root().detachAppender(counter);
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  @Test
  void stoppingUnderStreamingAnswersLeavesNoThreadLoopingOnTheirErrors() throws Exception {
    Hearth hearth = TestServers.start(data, TestServers.TEXT_ONLY);
    List<InputStream> bodies = new ArrayList<>();
    HttpClient http = HttpClient.newHttpClient();
    try {
      URI process = URI.create("http://127.0.0.1:" + hearth.compatPort("marytts", "http") + "/process");
      String form = "INPUT_TYPE=TEXT&OUTPUT_TYPE=AUDIO&AUDIO=WAVE_STREAM&LOCALE=en_US&INPUT_TEXT="
          + URLEncoder.encode(LONG_TEXT, StandardCharsets.UTF_8);
      bodies.add(open(http, HttpRequest.newBuilder(process).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build()));
      URI speech = URI.create("http://127.0.0.1:" + hearth.port() + "/v1/audio/speech");
      String json = "{\"model\":\"tts-1\",\"voice\":\"alloy\",\"input\":\"" + LONG_TEXT + "\"}";
      bodies.add(open(http, HttpRequest.newBuilder(speech).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json)).build()));
      for (InputStream body : bodies) {
        assertThat(body.readNBytes(4_000)).as("its speech has begun").hasSize(4_000);
      }
    } finally {
      hearth.close(); // while both are still being spoken; their clients are still connected
    }
    long atStop = warnings.get();
    Thread.sleep(2_000);
    long after = warnings.get() - atStop;
    for (InputStream body : bodies) body.close();
    assertThat(after).as("warnings logged in the 2 s after the server stopped").isLessThan(10);
    assertThat(atStop).as("warnings logged until the server had stopped").isLessThan(50);
  }

  private static InputStream open(HttpClient http, HttpRequest request) throws Exception {
    HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }
}
