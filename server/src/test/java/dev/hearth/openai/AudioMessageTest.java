package dev.hearth.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.audio.TestData;
import dev.hearth.audio.Wav;
import dev.hearth.protocols.page.ServerMessage.ReplyFinal;
import dev.hearth.protocols.page.ServerMessage.TurnDone;
import dev.hearth.web.WsTestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audio messages: the recorded utterance itself goes to a model that hears, and its own speech is played instead of
 * MaryTTS; the history keeps Vosk's transcript of the question and the model's transcript of the answer.
 */
class AudioMessageTest {
  private static final ObjectMapper json = new ObjectMapper();

  /** One second of a 440 Hz tone at 24 kHz: the fake model's "speech", recognizable by its exact length. */
  private static AudioChunk tone() {
    AudioFormat format = AudioFormat.pcm16(24_000, 1);
    byte[] pcm = new byte[24_000 * 2];
    for (int i = 0; i < 24_000; i++) {
      short v = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 24_000.0));
      pcm[2 * i] = (byte) v;
      pcm[2 * i + 1] = (byte) (v >> 8);
    }
    return new AudioChunk(format, pcm);
  }

  @Test
  void theUtteranceGoesOutAsWavAndTheModelsOwnSpeechIsPlayedAndItsTranscriptStored(@TempDir Path data) throws Exception {
    AudioChunk speech = tone();
    try (FakeOpenAi fake = FakeOpenAi.start()) {
      fake.reply("It looks sunny where you are.").audioReply(Wav.toBytes(speech));
      Hearth hearth = TestServers.start(data, Map.of("openai.api_key", FakeOpenAi.KEY, "openai.base_url", fake.baseUrl(),
          "openai.probe_interval_seconds", "0", "openai.audio_messages", "true"));
      try (hearth; WsTestClient ws = WsTestClient.connect(hearth.port())) {
        AudioChunk question = Wav.read(TestData.audio("azure_whatstheweatherlike.wav"));
        ws.send("{\"type\":\"start\",\"sample_rate\":" + question.format().rateHz() + ",\"format\":\"pcm_s16le\"}");
        int frame = question.format().bytesPerSecond() / 50;
        for (int off = 0; off < question.pcm().length; off += frame) {
          ws.sendAudio(question.pcm(), off, Math.min(frame, question.pcm().length - off));
        }
        ws.send("{\"type\":\"stop\"}");
        ReplyFinal reply = ws.await(ReplyFinal.class, r -> true, Duration.ofSeconds(20));
        TurnDone done = ws.await(TurnDone.class, d -> true, Duration.ofSeconds(20));

        assertThat(reply.source()).isEqualTo("openai");
        assertThat(reply.text()).isEqualTo("It looks sunny where you are.");
        assertThat(ws.audio()).as("the model's speech, as it was, not MaryTTS's").isEqualTo(speech.pcm());

        JsonNode sent = fake.received("/chat/completions").get(0).json();
        assertThat(sent.path("model").asText()).isEqualTo("gpt-4o-audio-preview");
        assertThat(sent.path("modalities").toString()).isEqualTo("[\"text\",\"audio\"]");
        assertThat(sent.path("audio").path("format").asText()).isEqualTo("wav");
        assertThat(sent.path("audio").path("voice").asText()).isEqualTo("alloy");
        assertThat(sent.path("stream").asBoolean(false)).isFalse();
        JsonNode messages = sent.path("messages");
        assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
        JsonNode part = messages.get(messages.size() - 1).path("content").get(0);
        assertThat(part.path("type").asText()).isEqualTo("input_audio");
        assertThat(part.path("input_audio").path("format").asText()).isEqualTo("wav");
        AudioChunk heard = Wav.parse(Base64.getDecoder().decode(part.path("input_audio").path("data").asText()), "sent");
        assertThat(heard.format()).isEqualTo(AudioFormat.STT);
        assertThat(heard.millis()).isCloseTo(question.millis(), org.assertj.core.data.Offset.offset(30.0));

        JsonNode events = json.readTree(TestServers.get(hearth.port(), "/api/conversations/" + done.conversationId()).body())
            .path("events");
        assertThat(events.findValuesAsText("type")).containsExactly("user_transcript", "assistant_reply");
        assertThat(events.get(0).path("text").asText()).contains("weather");
        assertThat(events.get(1).path("text").asText()).isEqualTo("It looks sunny where you are.");
        assertThat(events.get(1).path("source").asText()).isEqualTo("openai");

        // a typed question still gets the streamed text answer, spoken by MaryTTS
        ws.clear();
        ws.send("{\"type\":\"text\",\"text\":\"and tomorrow\"}");
        ReplyFinal typed = ws.await(ReplyFinal.class, r -> true, Duration.ofSeconds(20));
        ws.await(TurnDone.class, d -> true, Duration.ofSeconds(20));
        assertThat(typed.source()).isEqualTo("openai");
        assertThat(fake.received("/chat/completions").get(1).json().path("stream").asBoolean()).isTrue();
        assertThat(ws.audio().length).isNotEqualTo(speech.pcm().length).isGreaterThan(24_000);
      }
    }
  }
}
