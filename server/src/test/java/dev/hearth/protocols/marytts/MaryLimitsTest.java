package dev.hearth.protocols.marytts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: the MaryTTS API had no cap per client, no cap on connections and no minimum data rate, so one client could
 * fill the queue every other MaryTTS client waits in, hold connections without end, or trickle a POST body to hold one.
 */
class MaryLimitsTest {
  private static final String LONG_TEXT = "The quick brown fox jumps over the lazy dog near the river bank. ".repeat(40);
  @TempDir
  static Path data;
  private static Hearth hearth;
  private static int port;
  private final List<Socket> sockets = new ArrayList<>();

  @BeforeAll
  static void start() {
    hearth = TestServers.start(data, TestServers.merged(TestServers.TEXT_ONLY, Map.of("marytts_server.max_connections",
        "6", "marytts_server.max_requests_per_client", "3", "sharing.front_end_requests", "8")));
    port = hearth.compatPort("marytts", "http");
  }

  @AfterAll
  static void stop() {
    hearth.close();
  }

  @AfterEach
  void hangUp() throws Exception {
    for (Socket s : sockets) s.close();
    sockets.clear();
    // the server has noticed the hang-ups once a plain request is answered from a fresh connection
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(1_000);
        send(s, "GET /version HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        if (status(s).equals("HTTP/1.1 200")) return;
      } catch (SocketTimeoutException e) {
        // still full
      }
    }
  }

  @Test
  void aClientBeyondItsShareOfRequestsGetsABusyErrorAndIsServedOnceOneEnds() throws Exception {
    for (int i = 0; i < 3; i++) {
      Socket s = connect();
      send(s, streamingProcess());
      assertThat(status(s)).as("request " + (i + 1) + " is being spoken").isEqualTo("HTTP/1.1 200");
    }
    Socket fourth = connect();
    send(fourth, streamingProcess().replace("Host: 127.0.0.1\r\n", "Host: 127.0.0.1\r\nConnection: close\r\n"));
    String answer = new String(fourth.getInputStream().readNBytes(2_000), StandardCharsets.ISO_8859_1);
    assertThat(answer).startsWith("HTTP/1.1 503").contains("Retry-After: 1")
        .contains("marytts_server.max_requests_per_client");
    fourth.close();

    sockets.remove(0).close(); // one of the three hangs up: its place is freed once the server notices
    long deadline = System.nanoTime() + 10_000_000_000L;
    String status = "";
    while (!status.equals("HTTP/1.1 200") && System.nanoTime() < deadline) {
      Socket again = connect();
      send(again, streamingProcess());
      status = status(again);
      if (!status.equals("HTTP/1.1 200")) {
        again.close();
        Thread.sleep(100);
      }
    }
    assertThat(status).isEqualTo("HTTP/1.1 200");
  }

  @Test
  void connectionsBeyondTheCapWaitUntilOneCloses() throws Exception {
    for (int i = 0; i < 6; i++) connect(); // idle, holding every connection
    Thread.sleep(300); // let the server accept them all
    Socket waiting = connect();
    waiting.setSoTimeout(1_000);
    send(waiting, "GET /version HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    String early;
    try {
      early = "read " + waiting.getInputStream().read();
    } catch (SocketTimeoutException e) {
      early = "nothing yet"; // not accepted while six connections are held
    }
    assertThat(early).isEqualTo("nothing yet");
    sockets.remove(0).close();
    waiting.setSoTimeout(10_000);
    assertThat(status(waiting)).isEqualTo("HTTP/1.1 200");
  }

  @Test
  void aBodyTrickledAByteAtATimeIsCutOff() throws Exception {
    Socket s = connect();
    s.setSoTimeout(10_000);
    String form = "INPUT_TYPE=TEXT&OUTPUT_TYPE=AUDIO&AUDIO=WAVE_FILE&LOCALE=en_US&INPUT_TEXT=hello" + "+".repeat(2_000);
    send(s, "POST /process HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        + "Content-Length: " + form.length() + "\r\n\r\n");
    InputStream in = s.getInputStream();
    OutputStream out = s.getOutputStream();
    for (int i = 0; i < 60 && in.available() == 0; i++) { // a byte every 100 ms: 10 bytes/s, for at most 6 s
      try {
        out.write(form.charAt(i));
        out.flush();
      } catch (IOException e) {
        break; // cut off
      }
      Thread.sleep(100);
    }
    assertThat(status(s)).as("answered before the body ended").isEqualTo("HTTP/1.1 408");
  }

  private Socket connect() throws IOException {
    Socket s = new Socket("127.0.0.1", port);
    s.setSoTimeout(20_000);
    sockets.add(s);
    return s;
  }

  private static void send(Socket s, String request) throws IOException {
    s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
    s.getOutputStream().flush();
  }

  private static String status(Socket s) throws IOException {
    return new String(s.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
  }

  private static String streamingProcess() {
    String form = "INPUT_TYPE=TEXT&OUTPUT_TYPE=AUDIO&AUDIO=WAVE_STREAM&LOCALE=en_US&INPUT_TEXT="
        + URLEncoder.encode(LONG_TEXT, StandardCharsets.UTF_8);
    return "POST /process HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
        + form.length() + "\r\n\r\n" + form;
  }
}
