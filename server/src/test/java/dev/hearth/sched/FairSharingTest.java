package dev.hearth.sched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.protocols.page.ServerMessage.AudioStart;
import dev.hearth.protocols.page.ServerMessage.TurnDone;
import dev.hearth.web.WsTestClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, fair sharing: the other front ends cannot take the speech threads away from voice turns. */
@Tag("model")
class FairSharingTest {
  /** About 10,000 characters, a sentence at a time, as the MaryTTS clients sent. */
  static final String LONG_TEXT = "The quick brown fox jumps over the lazy dog near the river bank. ".repeat(153);
  private static final String ASK_TIME = "{\"type\":\"text\",\"text\":\"what time is it\"}";

  @TempDir
  Path data;

  /**
   * Issue 15: two 10,000-character MaryTTS {@code /process} requests held both speech threads for 95 s, and a voice turn
   * over /ws got no audio until they had finished. Its first audio now comes while they are still being spoken.
   */
  @Test
  void twoLongProcessRequestsDoNotStopAVoiceTurnsFirstAudio() throws Exception {
    Hearth hearth = TestServers.start(data, Map.of("tts.threads", "2"));
    List<InputStream> bodies = new ArrayList<>();
    AtomicBoolean anyFinished = new AtomicBoolean();
    try {
      HttpClient http = HttpClient.newHttpClient();
      URI process = URI.create("http://127.0.0.1:" + hearth.compatPort("marytts", "http") + "/process");
      String form = "INPUT_TYPE=TEXT&OUTPUT_TYPE=AUDIO&AUDIO=WAVE_STREAM&LOCALE=en_US&INPUT_TEXT="
          + URLEncoder.encode(LONG_TEXT, StandardCharsets.UTF_8);
      for (int i = 0; i < 2; i++) {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(process)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        bodies.add(r.body());
      }
      for (InputStream body : bodies) {
        assertThat(body.readNBytes(4_000)).hasSize(4_000); // both are being spoken now
        Thread drainer = new Thread(() -> drain(body, anyFinished), "fair-sharing-drain");
        drainer.setDaemon(true);
        drainer.start();
      }
      try (WsTestClient ws = WsTestClient.connect(hearth.port())) {
        ws.send(ASK_TIME);
        ws.await(AudioStart.class, a -> true, Duration.ofSeconds(30));
        assertThat(anyFinished).as("the /process requests were still being spoken").isFalse();
        ws.await(TurnDone.class, d -> true, Duration.ofSeconds(30));
        assertThat(ws.audio()).isNotEmpty();
      }
    } finally {
      for (InputStream body : bodies) body.close();
      hearth.close();
    }
  }

  /**
   * Issue 15: a {@code /v1/audio/speech} client that never reads kept a speech thread synthesizing and writing to it
   * for about 30 s. With one speech thread, a voice turn is now spoken meanwhile (the write deadline itself is
   * {@link dev.hearth.speech.FrontEndSpeechTest}'s).
   */
  @Test
  void aClientThatNeverReadsItsSpeechDoesNotHoldTheOnlySpeechThread() throws Exception {
    Hearth hearth = TestServers.start(data, Map.of("tts.threads", "1"));
    try (Socket stalled = new Socket()) {
      stalled.setReceiveBufferSize(4_096);
      stalled.connect(new InetSocketAddress("127.0.0.1", hearth.port()));
      String body = "{\"model\":\"tts-1\",\"voice\":\"alloy\",\"input\":\"" + LONG_TEXT.substring(0, 4_000) + "\"}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      OutputStream out = stalled.getOutputStream();
      out.write(("POST /v1/audio/speech HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
          + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      String status = new String(stalled.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(status).isEqualTo("HTTP/1.1 200"); // its speech has begun; from now on it reads nothing

      try (WsTestClient ws = WsTestClient.connect(hearth.port())) {
        ws.send(ASK_TIME);
        ws.await(AudioStart.class, a -> true, Duration.ofSeconds(20));
        ws.await(TurnDone.class, d -> true, Duration.ofSeconds(30));
        assertThat(ws.audio()).isNotEmpty();
      }
    } finally {
      hearth.close();
    }
  }

  private static void drain(InputStream body, AtomicBoolean finished) {
    byte[] buf = new byte[16 * 1024];
    try {
      while (body.read(buf) >= 0) {
        // the audio itself is not checked here
      }
      finished.set(true);
    } catch (IOException e) {
      // closed by the test at its end
    }
  }
}
