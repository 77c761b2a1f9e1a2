package dev.hearth.speech;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.audio.Wav;
import dev.hearth.protocols.page.ServerMessage;
import dev.hearth.web.WsTestClient;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every listening front end (the page's {@code /ws}, vosk-server, Wyoming, {@code /v1/audio/transcriptions}) refuses
 * the same sample rates with the same words, each in its own protocol's error form. The clients are written from
 * each protocol's wire format, so nothing of the server's code is shared with them.
 */
@Tag("model")
class SameRefusalOnEveryFrontEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir
  static Path data;
  private static Hearth hearth;

  @BeforeAll
  static void start() {
    hearth = TestServers.start(data, Map.of());
  }

  @AfterAll
  static void stop() {
    hearth.close();
  }

  /** What every front end must say about {@code rate}, spelled out here rather than taken from the server. */
  private static String expected(String rate) {
    return "The sample rate must be a whole number of Hz from 8000 to 48000, not " + rate + ".";
  }

  @Test
  void tooLowAndTooHighAreRefusedAlikeEverywhere() throws Exception {
    for (int rate : new int[] {7_999, 48_001, 96_000, 192_000}) {
      String message = expected(rate + " Hz");
      assertThat(page(String.valueOf(rate))).as("/ws at %d", rate).isEqualTo(message);
      assertThat(vosk(String.valueOf(rate))).as("vosk-server at %d", rate).isEqualTo("config.sample_rate: " + message);
      assertThat(wyoming(String.valueOf(rate))).as("Wyoming at %d", rate).isEqualTo(message);
      assertThat(v1(rate)).as("/v1 at %d", rate).startsWith("'hi.wav': " + message + " Convert it with");
    }
  }

  @Test
  void zeroAndFractionsAreRefusedAlikeWhereTheProtocolCarriesThem() throws Exception {
    for (String rate : List.of("0", "16000.5")) {
      String message = expected(rate + " Hz");
      assertThat(page(rate)).as("/ws at %s", rate).isEqualTo(message);
      assertThat(vosk(rate)).as("vosk-server at %s", rate).isEqualTo("config.sample_rate: " + message);
      assertThat(wyoming(rate)).as("Wyoming at %s", rate).isEqualTo(message);
    }
    // a WAV header holds a whole number above 0 (or it is no WAV file), so /v1 carries neither
  }

  @Test
  void theEdgesAreServedAndNothingBetweenWholeHertz() {
    assertThat(InputFormats.acceptsRate(8_000)).isTrue();
    assertThat(InputFormats.acceptsRate(48_000)).isTrue();
    assertThat(InputFormats.acceptsRate(7_999)).isFalse();
    assertThat(InputFormats.acceptsRate(48_001)).isFalse();
    assertThat(InputFormats.acceptsRate(16_000.5)).isFalse();
    assertThat(InputFormats.acceptsRate(Double.NaN)).isFalse();
  }

  /** The page's {@code error{text, code}} for a start at {@code rate}. */
  private static String page(String rate) throws Exception {
    try (WsTestClient ws = WsTestClient.connect(hearth.port())) {
      ws.send("{\"type\":\"start\",\"sample_rate\":" + rate + ",\"format\":\"pcm_s16le\"}");
      ServerMessage.Error e = ws.await(ServerMessage.Error.class, m -> true, Duration.ofSeconds(20));
      assertThat(e.code()).isEqualTo("bad_sample_rate");
      return e.message();
    }
  }

  /** vosk-server's close reason for a config at {@code rate} (close code 1007, invalid data). */
  private static String vosk(String rate) throws Exception {
    CompletableFuture<String> closed = new CompletableFuture<>();
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + hearth.compatPort("vosk-server", "ws") + "/"), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onClose(WebSocket webSocket, int code, String reason) {
            closed.complete(code + " " + reason);
            return null;
          }

          @Override
          public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
          }
        }).get(10, TimeUnit.SECONDS);
    ws.sendText("{\"config\" : {\"sample_rate\" : " + rate + "}}", true).get(10, TimeUnit.SECONDS);
    String close = closed.get(20, TimeUnit.SECONDS);
    assertThat(close).startsWith("1007 ");
    return close.substring(5);
  }

  /** Wyoming's {@code error} event for an {@code audio-start} at {@code rate}; the server then closes. */
  private static String wyoming(String rate) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", hearth.compatPort("wyoming", "stt"))) {
      socket.setSoTimeout(20_000);
      byte[] data = ("{\"rate\": " + rate + ", \"width\": 2, \"channels\": 1}").getBytes(StandardCharsets.UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write(("{\"type\": \"audio-start\", \"data_length\": " + data.length + "}\n").getBytes(StandardCharsets.UTF_8));
      out.write(data);
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      JsonNode header = JSON.readTree(line(in));
      assertThat(header.path("type").asText()).isEqualTo("error");
      byte[] block = new byte[header.path("data_length").asInt()];
      in.readFully(block);
      JsonNode error = block.length > 0 ? JSON.readTree(block) : header.path("data");
      assertThat(error.path("code").asText()).isEqualTo("unsupported_audio");
      return error.path("text").asText();
    }
  }

  /** {@code /v1/audio/transcriptions}'s 400 for a WAV file at {@code rate}. */
  private static String v1(int rate) throws Exception {
    byte[] wav = Wav.toBytes(new AudioChunk(AudioFormat.pcm16(16_000, 1), new byte[32_000]));
    ByteBuffer.wrap(wav).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(24, rate).putInt(28, rate * 2);
    String boundary = "----hearth-rate-test";
    ByteArrayOutputStream form = new ByteArrayOutputStream();
    form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"hi.wav\"\r\n"
        + "Content-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    form.writeBytes(wav);
    form.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + hearth.port() + "/v1/audio/transcriptions"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(response.body()).path("error");
    assertThat(error.path("code").asText()).isEqualTo("unsupported_file_format");
    return error.path("message").asText();
  }

  private static String line(DataInputStream in) throws Exception {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) throw new AssertionError("the connection closed before a whole event");
      line.write(b);
    }
    return line.toString(StandardCharsets.UTF_8);
  }
}
