package dev.hearth.speech;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.audio.Wav;
import dev.hearth.protocols.page.ServerMessage.Error;
import dev.hearth.protocols.page.ServerMessage.TurnDone;
import dev.hearth.protocols.wyoming.WyomingTestClient;
import dev.hearth.web.WsTestClient;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second installed voice works through every front end that speaks, and a voice that is not installed gets each
 * protocol's own clear error. Over a real server (Vosk, MaryTTS, SQLite) in a JVM whose MaryTTS has the second voice,
 * {@value SecondVoice#NAME} ({@link SlowVoiceConfig}), which says the same words about twice as slowly as the default
 * cmu-slt-hsmm: each front end's audio in it must last well over the default voice's for the same text.
 */
@Tag("model")
class SecondVoiceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient http = HttpClient.newHttpClient();
  private static final String TEXT = "The second voice speaks here.";
  private static final String BOTH = "[cmu-slt-hsmm, " + SecondVoice.NAME + "]";
  /** The second voice's audio against the default voice's (about 2.3 for a sentence); well above any noise. */
  private static final double SLOWER = 1.5;
  @TempDir
  static Path dir;
  private static Process server;
  private static int httpPort;
  private static int wyomingPort;
  private static int maryPort;

  @BeforeAll
  static void start() throws Exception {
    Path ports = dir.resolve("ports");
    server = new ProcessBuilder(SecondVoice.java(SecondVoice.class.getName(),
        List.of(Files.createDirectories(dir.resolve("data")).toString(), ports.toString())))
        .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (!Files.exists(ports)) {
      if (!server.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("the server did not start:\n" + tail(dir.resolve("server.log")));
      }
      Thread.sleep(100);
    }
    String[] p = Files.readString(ports).split(" ");
    httpPort = Integer.parseInt(p[0]);
    wyomingPort = Integer.parseInt(p[1]);
    maryPort = Integer.parseInt(p[2]);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server == null) return;
    server.getOutputStream().close(); // it stops when its input ends
    if (!server.waitFor(30, TimeUnit.SECONDS)) server.destroyForcibly();
  }

  @Test
  void thePageSpeaksATurnInTheVoiceItAsksForAndRefusesOneNotInstalled() throws Exception {
    try (WsTestClient ws = WsTestClient.connect(httpPort)) {
      double normal = pageTurn(ws, null);
      double second = pageTurn(ws, SecondVoice.NAME);
      assertThat(second).isGreaterThan(normal * SLOWER);
      ws.send("{\"type\":\"text\",\"text\":\"what is two plus two\",\"voice\":\"nobody\"}");
      Error error = ws.await(Error.class, e -> true, Duration.ofSeconds(20));
      assertThat(error.code()).isEqualTo("unknown_voice");
      assertThat(error.message()).contains("'nobody'", BOTH);
    }
  }

  @Test
  void wyomingSynthesizesWithTheVoiceItNamesAndRefusesOneNotInstalled() throws Exception {
    assertThat(wyoming(SecondVoice.NAME)).isGreaterThan(wyoming("cmu-slt-hsmm") * SLOWER);
    try (WyomingTestClient c = WyomingTestClient.connect(wyomingPort)) {
      ObjectNode request = JSON.createObjectNode().put("text", TEXT);
      request.putObject("voice").put("name", "nobody");
      c.send("synthesize", request);
      WyomingTestClient.Event error = c.read();
      assertThat(error.type()).isEqualTo("error");
      assertThat(error.text("code")).isEqualTo("unknown_voice");
      assertThat(error.text("text")).contains("'nobody'", BOTH);
    }
  }

  @Test
  void openAiSpeechUsesAnInstalledVoiceByNameAndRefusesOneNotInstalled() throws Exception {
    HttpResponse<byte[]> normal = openAiSpeech("alloy");
    HttpResponse<byte[]> second = openAiSpeech(SecondVoice.NAME);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.body().length).as("24 kHz PCM").isGreaterThan((int) (normal.body().length * SLOWER));
    HttpResponse<byte[]> unknown = openAiSpeech("nobody");
    assertThat(unknown.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(unknown.body()).path("error");
    assertThat(error.path("code").asText()).isEqualTo("invalid_value");
    assertThat(error.path("param").asText()).isEqualTo("voice");
    assertThat(error.path("message").asText()).contains("'nobody'", BOTH);
  }

  @Test
  void theMaryttsApiListsBothVoicesSpeaksWithEitherAndRefusesAnUnknownOneWhereItChecksVoices() throws Exception {
    assertThat(maryGet("/voices").body()).isEqualTo("cmu-slt-hsmm en_US female hmm\n" + SecondVoice.NAME + " en_US female hmm\n");
    assertThat(maryProcess(SecondVoice.NAME)).isGreaterThan(maryProcess("cmu-slt-hsmm") * SLOWER);
    HttpResponse<String> unknown = maryGet("/exampletext?voice=nobody");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).startsWith("<html><body><h1>Bad request</h1>").contains("'nobody'", BOTH);
  }

  @Test
  void hearthSaySpeaksWithTheVoiceItIsGivenOrTtsVoiceAndRefusesOneNotInstalled() throws Exception {
    double normal = maryProcess("cmu-slt-hsmm");
    assertThat(say(List.of("--voice", SecondVoice.NAME), dir.resolve("voice.wav"))).isGreaterThan(normal * SLOWER);
    assertThat(say(List.of("--set", "tts.voice=" + SecondVoice.NAME), dir.resolve("default.wav"))).isGreaterThan(normal * SLOWER);
    Path log = dir.resolve("say-unknown.log");
    Process unknown = hearth(List.of("--voice", "nobody"), dir.resolve("unknown.wav"), log);
    assertThat(unknown.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(unknown.exitValue()).isEqualTo(2);
    assertThat(Files.readString(log)).contains("hearth: There is no voice 'nobody'; installed voices: " + BOTH);
    assertThat(dir.resolve("unknown.wav")).doesNotExist();
  }

  // ---- each front end's audio, in seconds (or bytes, where both voices' are in one format) ----

  /** A typed turn whose answer is always the same words, spoken in {@code voice} (null: the default); its audio's bytes. */
  private static double pageTurn(WsTestClient ws, String voice) throws Exception {
    ws.clear();
    ws.send("{\"type\":\"text\",\"text\":\"what is two plus two\"" + (voice == null ? "" : ",\"voice\":\"" + voice + "\"") + "}");
    ws.await(TurnDone.class, d -> true, Duration.ofSeconds(60));
    assertThat(ws.audio()).isNotEmpty();
    return ws.audio().length;
  }

  private static double wyoming(String voice) throws Exception {
    try (WyomingTestClient c = WyomingTestClient.connect(wyomingPort)) {
      ObjectNode request = JSON.createObjectNode().put("text", TEXT);
      request.putObject("voice").put("name", voice);
      c.send("synthesize", request);
      List<WyomingTestClient.Event> events = c.readUntil("audio-stop");
      JsonNode format = events.get(0).data();
      assertThat(events.get(0).type()).isEqualTo("audio-start");
      long bytes = events.stream().filter(e -> e.type().equals("audio-chunk")).mapToLong(e -> e.payload().length).sum();
      return bytes / (double) (format.path("rate").asInt() * format.path("width").asInt() * format.path("channels").asInt());
    }
  }

  private static HttpResponse<byte[]> openAiSpeech(String voice) throws Exception {
    String body = JSON.createObjectNode().put("model", "tts-1").put("voice", voice).put("input", TEXT)
        .put("response_format", "pcm").toString();
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/v1/audio/speech"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpResponse<String> maryGet(String pathAndQuery) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + maryPort + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static double maryProcess(String voice) throws Exception {
    String query = "/process?INPUT_TYPE=TEXT&OUTPUT_TYPE=AUDIO&AUDIO=WAVE_FILE&LOCALE=en_US&VOICE=" + voice
        + "&INPUT_TEXT=" + URLEncoder.encode(TEXT, StandardCharsets.UTF_8);
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + maryPort + query)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    try (AudioInputStream audio = AudioSystem.getAudioInputStream(new ByteArrayInputStream(r.body()))) {
      return audio.getFrameLength() / (double) audio.getFormat().getFrameRate();
    }
  }

  /** {@code hearth say TEXT -o out} with {@code options}, in a JVM that has the second voice; the file's seconds. */
  private static double say(List<String> options, Path out) throws Exception {
    Path log = Path.of(out + ".log");
    Process p = hearth(options, out, log);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(tail(log)).isZero();
    return Wav.read(out).millis() / 1000;
  }

  private static Process hearth(List<String> options, Path out, Path log) throws Exception {
    List<String> args = new ArrayList<>(List.of("say", TEXT, "-o", out.toString(), "--set",
        "store.data_dir=" + dir.resolve("say-data")));
    args.addAll(options);
    return new ProcessBuilder(SecondVoice.java("dev.hearth.app.Main", args)).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
  }

  private static String tail(Path log) {
    try {
      String text = Files.readString(log);
      return text.substring(Math.max(0, text.length() - 4_000));
    } catch (java.io.IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
