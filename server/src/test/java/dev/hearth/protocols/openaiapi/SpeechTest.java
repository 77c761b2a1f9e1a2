package dev.hearth.protocols.openaiapi;

import static dev.hearth.protocols.openaiapi.V1Client.error;
import static dev.hearth.protocols.openaiapi.V1Client.events;
import static dev.hearth.protocols.openaiapi.V1Client.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.Wav;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /v1/audio/speech} with the real MaryTTS: a streamed WAV, 24 kHz PCM, server-sent events and refusals. */
@Tag("model")
@ExtendWith(OpenAiServers.class)
class SpeechTest {
  private static final String PATH = "/v1/audio/speech";
  private static final String INPUT = "Hello there. This is Hearth, speaking without the cloud.";
  private static V1Client client;

  @BeforeAll
  static void start() {
    client = new V1Client(OpenAiServers.open().port());
  }

  private static HttpResponse<byte[]> speak(String json) throws Exception {
    HttpResponse<byte[]> response = client.postJson(PATH, json);
    assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
    return response;
  }

  private static String request(String format) {
    return "{\"model\":\"tts-1\",\"voice\":\"alloy\",\"input\":\"" + INPUT + "\",\"response_format\":\"" + format + "\"}";
  }

  @Test
  void wavIsStreamedWithAHeaderJavaSoundAndOurReaderAccept() throws Exception {
    HttpResponse<byte[]> response = speak(request("wav"));
    assertThat(V1Client.contentType(response)).isEqualTo("audio/wav");
    assertThat(response.headers().firstValue("content-length")).isEmpty(); // chunked: sent as it is made
    byte[] wav = response.body();
    ByteBuffer header = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(header.getInt(4)).isEqualTo(0xFFFFFFFF); // RIFF size unknown while streaming, as OpenAI's
    assertThat(header.getInt(40)).isEqualTo(0xFFFFFFFF); // data size likewise

    try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
      javax.sound.sampled.AudioFormat f = in.getFormat();
      assertThat(f.getSampleRate()).isEqualTo(OpenAiServers.TTS_RATE_HZ);
      assertThat(f.getChannels()).isEqualTo(1);
      assertThat(f.getSampleSizeInBits()).isEqualTo(16);
      assertThat(f.isBigEndian()).isFalse();
      assertThat(in.readAllBytes()).hasSize(wav.length - 44);
    }
    AudioChunk audio = Wav.parse(wav, "speech.wav");
    assertThat(audio.millis()).isBetween(2_000.0, 10_000.0);
    assertThat(peak(audio.pcm())).isGreaterThan(3_000); // speech, not silence
  }

  @Test
  void pcmIsRaw24kHzSixteenBitOfTheSameSpeech() throws Exception {
    AudioChunk wav = Wav.parse(speak(request("wav")).body(), "speech.wav");
    HttpResponse<byte[]> response = speak(request("pcm"));
    assertThat(V1Client.contentType(response)).isEqualTo("audio/pcm");
    byte[] pcm = response.body();
    assertThat(pcm.length % 2).isZero();
    double expected = wav.samples() * 24_000.0 / wav.format().rateHz() * 2;
    assertThat((double) pcm.length).isCloseTo(expected, org.assertj.core.data.Offset.offset(64.0));
    assertThat(peak(pcm)).isGreaterThan(3_000);
  }

  @Test
  void sseSendsTheSameBytesBase64ThenDoneWithUsage() throws Exception {
    byte[] direct = speak(request("pcm")).body();
    HttpResponse<byte[]> response = speak("{\"model\":\"gpt-4o-mini-tts\",\"voice\":\"nova\",\"input\":\"" + INPUT
        + "\",\"response_format\":\"pcm\",\"stream_format\":\"sse\"}");
    assertThat(V1Client.contentType(response)).startsWith("text/event-stream");
    List<String> events = events(response);
    ByteArrayOutputStream audio = new ByteArrayOutputStream();
    for (String data : events.subList(0, events.size() - 1)) {
      JsonNode delta = V1Client.JSON.readTree(data);
      assertThat(delta.path("type").asText()).isEqualTo("speech.audio.delta");
      audio.writeBytes(Base64.getDecoder().decode(delta.path("audio").asText()));
    }
    JsonNode done = V1Client.JSON.readTree(events.get(events.size() - 1));
    assertThat(done.path("type").asText()).isEqualTo("speech.audio.done");
    assertThat(done.at("/usage/input_tokens").asLong()).isPositive();
    assertThat(done.at("/usage/total_tokens").isNumber()).isTrue();
    assertThat(audio.toByteArray()).isEqualTo(direct); // MaryTTS is deterministic
  }

  @Test
  void installedVoicesAndOpenAiVoiceNamesAndOmittedFormatGiveWav() throws Exception {
    for (String voice : List.of("\"cmu-slt-hsmm\"", "{\"id\":\"cmu-slt-hsmm\"}", "\"shimmer\"")) {
      HttpResponse<byte[]> response = speak("{\"model\":\"marytts\",\"voice\":" + voice + ",\"input\":\"Hi.\",\"speed\":1.5}");
      assertThat(V1Client.contentType(response)).as(voice).isEqualTo("audio/wav");
      assertThat(Wav.parse(response.body(), "hi.wav").samples()).isPositive();
    }
  }

  @Test
  void badRequestsAreRefusedNamingTheFieldAndTheServerCarriesOn() throws Exception {
    assertRefused("{\"model\":\"tts-1\",\"input\":\"hi\"}", 400, "voice");
    JsonNode voice = assertRefused("{\"model\":\"tts-1\",\"voice\":\"nobody\",\"input\":\"hi\"}", 400, "voice");
    assertThat(voice.path("message").asText()).contains("alloy").contains("cmu-slt-hsmm");
    JsonNode mp3 = assertRefused("{\"model\":\"tts-1\",\"voice\":\"alloy\",\"input\":\"hi\",\"response_format\":\"mp3\"}", 400,
        "response_format");
    assertThat(mp3.path("message").asText()).contains("'wav'").contains("'pcm'");
    assertThat(mp3.path("code").asText()).isEqualTo("unsupported_value");
    assertRefused("{\"model\":\"tts-1\",\"voice\":\"alloy\",\"input\":\"hi\",\"response_format\":\"ogg\"}", 400, "response_format");
    assertRefused("{\"model\":\"tts-1\",\"voice\":\"alloy\",\"input\":\"hi\",\"speed\":5}", 400, "speed");
    assertRefused("{\"model\":\"tts-1\",\"voice\":\"alloy\",\"input\":\"hi\",\"speed\":\"fast\"}", 400, "speed");
    assertRefused("{\"model\":\"tts-1\",\"voice\":\"alloy\",\"input\":\"" + "a".repeat(4097) + "\"}", 400, "input");
    assertRefused("{\"model\":\"tts-1\",\"voice\":\"alloy\",\"input\":\"  \"}", 400, "input");
    assertRefused("{\"model\":\"tts-1\",\"voice\":\"alloy\"}", 400, "input");
    assertRefused("{\"model\":\"tts-1\",\"voice\":\"alloy\",\"input\":\"hi\",\"stream\":true}", 400, "stream");
    assertRefused("{\"model\":\"tts-1\",\"voice\":\"alloy\",\"input\":\"hi\",\"stream_format\":\"ws\"}", 400, "stream_format");
    assertThat(assertRefused("{\"model\":\"tts-2\",\"voice\":\"alloy\",\"input\":\"hi\"}", 404, "model").path("code").asText())
        .isEqualTo("model_not_found");
    assertThat(error(client.postJson(PATH, "{\"model\":"), 400).path("code").asText()).isEqualTo("invalid_json");
    assertThat(error(client.postJson(PATH, "[1, 2]"), 400).path("code").asText()).isEqualTo("invalid_json");
    assertThat(speak(request("wav")).body().length).isGreaterThan(44);
  }

  @Test
  void aClientThatHangsUpMidStreamLeavesTheServerServing() throws Exception {
    String body = "{\"model\":\"tts-1\",\"voice\":\"alloy\",\"input\":\""
        + "This sentence is one of many that nobody will hear. ".repeat(60) + "\"}";
    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (int i = 0; i < 3; i++) {
      try (java.net.Socket socket = new java.net.Socket("127.0.0.1", OpenAiServers.open().port())) {
        socket.setSoTimeout(30_000);
        socket.getOutputStream().write(("POST " + PATH + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        socket.getOutputStream().write(bytes);
        assertThat(new String(socket.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII))
            .isEqualTo("HTTP/1.1 200");
      } // hung up as soon as the audio began: minutes of speech nobody waits for
    }
    assertThat(Wav.parse(speak(request("wav")).body(), "after.wav").samples()).isPositive();
  }

  private static JsonNode assertRefused(String json, int status, String param) throws Exception {
    JsonNode e = error(client.postJson(PATH, json), status);
    assertThat(e.path("param").asText()).as(json).isEqualTo(param);
    assertThat(e.path("type").asText()).isEqualTo("invalid_request_error");
    return e;
  }

  private static int peak(byte[] pcm) {
    int peak = 0;
    for (int i = 0; i + 1 < pcm.length; i += 2) peak = Math.max(peak, Math.abs((short) ((pcm[i + 1] << 8) | (pcm[i] & 0xff))));
    return peak;
  }
}
