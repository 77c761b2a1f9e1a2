package dev.hearth.protocols.openaiapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.protocols.page.ServerMessage;
import dev.hearth.web.WsTestClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: endless and trickled {@code /v1} uploads each held one of Jetty's threads for as long as they lasted (300
 * of them left {@code /ws} unable to connect). Here one body may be read at once, so one upload shows it.
 */
class UploadLimitsTest {
  @TempDir
  static Path data;
  private static Hearth hearth;

  @BeforeAll
  static void start() {
    hearth = TestServers.start(data, Map.of("openai_server.max_concurrent_uploads", "1"));
  }

  @AfterAll
  static void stop() {
    hearth.close();
  }

  /** Issue 15: endless chunked uploads took every Jetty thread; beyond the cap a request is refused before its body is read. */
  @Test
  void uploadsBeyondTheCapAreRefusedAtOnceWhileEndlessOnesAreReadAndWsStillConnects() throws Exception {
    Socket endless = endlessUpload();
    try {
      long deadline = System.nanoTime() + 10_000_000_000L;
      String answer = "";
      while (!answer.startsWith("HTTP/1.1 429") && System.nanoTime() < deadline) {
        if (endless.getInputStream().available() > 0) { // answered: a probe held the place when it came; again
          endless.close();
          endless = endlessUpload();
        }
        answer = smallChat();
      }
      assertThat(answer).startsWith("HTTP/1.1 429").contains("openai_server.max_concurrent_uploads")
          .contains("too_many_sessions_from_client");
      try (WsTestClient ws = WsTestClient.connect(hearth.port())) {
        ws.send("{\"type\":\"stop\"}");
        assertThat(ws.await(ServerMessage.Error.class).code()).isEqualTo("not_listening");
      }
    } finally {
      endless.close();
    }
  }

  /** Issue 15: a body trickled a byte at a time held its thread for good; the minimum data rate cuts it off. */
  @Test
  void aBodyTrickledAByteAtATimeIsCutOff() throws Exception {
    try (Socket s = new Socket("127.0.0.1", hearth.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(chunkedHead().getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      for (int i = 0; i < 60 && in.available() == 0; i++) { // a byte every 100 ms: 10 bytes/s, for at most 6 s
        try {
          out.write("1\r\n \r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        } catch (IOException e) {
          break; // cut off
        }
        Thread.sleep(100); // the trickle itself
      }
      String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(status).as("answered before the body ended").startsWith("HTTP/1.1 4");
    }
  }

  /** A chunked chat upload that has sent 16 KiB of whitespace, enough for two minutes at the minimum data rate, and never ends. */
  private static Socket endlessUpload() throws IOException {
    Socket s = new Socket("127.0.0.1", hearth.port());
    s.setSoTimeout(10_000);
    OutputStream out = s.getOutputStream();
    out.write((chunkedHead() + "4000\r\n{" + " ".repeat(0x4000 - 1) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return s;
  }

  private static String chunkedHead() {
    return "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n";
  }

  /** A complete chat request without a model: 400 when its body is read, 429 when refused; the whole answer. */
  private static String smallChat() throws IOException {
    try (Socket s = new Socket("127.0.0.1", hearth.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: 2\r\nConnection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
