package dev.hearth.protocols.openaiapi;

import static dev.hearth.protocols.openaiapi.V1Client.error;
import static dev.hearth.protocols.openaiapi.V1Client.events;
import static dev.hearth.protocols.openaiapi.V1Client.json;
import static dev.hearth.protocols.openaiapi.V1Client.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.brain.ChatModel;
import dev.hearth.config.BrainConfig;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chat completions that reach a language model (a scripted one standing in for the local model): what the model is
 * sent (system prompt, context, question), its words streamed as they come, and a model that breaks.
 */
@Tag("model")
class ChatWithModelTest {
  private static final String PATH = "/v1/chat/completions";
  private static final ScriptedModel model = new ScriptedModel();
  @TempDir
  static Path data;
  private static Hearth hearth;
  private static V1Client client;

  @BeforeAll
  static void start() {
    hearth = TestServers.unstarted(data, TestServers.merged(TestServers.TEXT_ONLY, Map.of("brain.context_events", "4"))).chatModel(model).start();
    client = new V1Client(hearth.port());
  }

  @AfterAll
  static void stop() {
    hearth.close();
  }

  @BeforeEach
  void reset() {
    model.pieces = List.of("Once", " upon", " a", " time.");
    model.breakAfter = -1;
    model.calls.clear();
  }

  @Test
  void systemAndDeveloperMessagesReplaceHearthsPromptAndTheRestIsTheConversation() throws Exception {
    HttpResponse<byte[]> response = client.postJson(PATH, "{\"model\":\"gpt-4o\",\"messages\":["
        + "{\"role\":\"system\",\"content\":\"You are a pirate.\"},"
        + "{\"role\":\"developer\",\"content\":[{\"type\":\"text\",\"text\":\"Answer in rhyme.\"}]},"
        + "{\"role\":\"user\",\"content\":\"hello\"},{\"role\":\"assistant\",\"content\":\"Ahoy.\"},"
        + "{\"role\":\"user\",\"content\":\"tell me a story\"}]}");
    assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
    assertThat(response.headers().firstValue("x-hearth-source")).hasValue("llm");
    assertThat(json(response).at("/choices/0/message/content").asText()).isEqualTo("Once upon a time.");
    assertThat(model.calls).hasSize(1);
    assertThat(model.calls.get(0)).containsExactly(ChatModel.ChatMessage.system("You are a pirate.\n\nAnswer in rhyme."),
        ChatModel.ChatMessage.user("hello"), ChatModel.ChatMessage.assistant("Ahoy."),
        ChatModel.ChatMessage.user("tell me a story"));
  }

  @Test
  void withoutASystemMessageHearthsOwnPromptIsUsedAndOnlyTheLastContextEventsAreSent() throws Exception {
    StringBuilder messages = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      messages.append("{\"role\":\"user\",\"content\":\"question ").append(i).append("\"},")
          .append("{\"role\":\"assistant\",\"content\":\"answer ").append(i).append("\"},");
    }
    messages.append("{\"role\":\"user\",\"content\":\"tell me a story\"}");
    HttpResponse<byte[]> response = client.postJson(PATH, "{\"model\":\"m\",\"messages\":[" + messages + "]}");
    assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
    List<ChatModel.ChatMessage> sent = model.calls.get(0);
    assertThat(sent.get(0)).isEqualTo(ChatModel.ChatMessage.system(new BrainConfig().systemPrompt()));
    assertThat(sent.subList(1, sent.size())).containsExactly(ChatModel.ChatMessage.user("question 4"),
        ChatModel.ChatMessage.assistant("answer 4"), ChatModel.ChatMessage.user("question 5"),
        ChatModel.ChatMessage.assistant("answer 5"), ChatModel.ChatMessage.user("tell me a story"));
  }

  @Test
  void theModelsWordsAreStreamedAsTheyAreWritten() throws Exception {
    HttpResponse<byte[]> response = client.postJson(PATH, "{\"model\":\"m\",\"stream\":true,\"messages\":["
        + "{\"role\":\"user\",\"content\":\"tell me a story\"}]}");
    assertThat(response.headers().firstValue("x-hearth-source")).hasValue("llm");
    List<String> events = events(response);
    List<String> contents = new ArrayList<>();
    for (String e : events.subList(1, events.size() - 2)) {
      contents.add(V1Client.JSON.readTree(e).at("/choices/0/delta/content").asText());
    }
    assertThat(contents).containsExactly("Once", " upon", " a", " time.");
    assertThat(V1Client.JSON.readTree(events.get(events.size() - 2)).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(events).last().isEqualTo("[DONE]");
  }

  @Test
  void aBrokenBrainAnswers500ThatIsNotWorthRetryingAndTheServerCarriesOn() throws Exception {
    model.breakAfter = 0;
    HttpResponse<byte[]> response = client.postJson(PATH, ChatCompletionsTest.ask("m", "tell me a story"));
    JsonNode e = error(response, 500);
    assertThat(e.path("type").asText()).isEqualTo("server_error");
    assertThat(e.path("message").asText()).contains("the model library is gone");
    assertThat(response.headers().firstValue("x-should-retry")).hasValue("false");

    model.breakAfter = 2;
    List<String> events = events(client.postJson(PATH, "{\"model\":\"m\",\"stream\":true,\"messages\":["
        + "{\"role\":\"user\",\"content\":\"tell me a story\"}]}"));
    assertThat(events).doesNotContain("[DONE]");
    JsonNode last = V1Client.JSON.readTree(events.get(events.size() - 1));
    assertThat(last.at("/error/type").asText()).isEqualTo("server_error"); // the SDKs throw this as an APIError
    assertThat(V1Client.JSON.readTree(events.get(1)).at("/choices/0/delta/content").asText()).isEqualTo("Once");

    model.breakAfter = -1;
    assertThat(json(client.postJson(PATH, ChatCompletionsTest.ask("m", "tell me a story")))
        .at("/choices/0/message/content").asText()).isEqualTo("Once upon a time.");
  }

  /** Writes its pieces, or breaks (with an {@link Error}, which no responder catches) after {@code breakAfter} of them. */
  static final class ScriptedModel implements ChatModel {
    volatile List<String> pieces = List.of();
    volatile int breakAfter = -1;
    final List<List<ChatMessage>> calls = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public String name() {
      return "scripted";
    }

    @Override
    public String complete(List<ChatMessage> messages, BooleanSupplier cancelled, Consumer<String> deltas) {
      calls.add(List.copyOf(messages));
      StringBuilder written = new StringBuilder();
      for (int i = 0; i < pieces.size(); i++) {
        if (i == breakAfter) throw new LinkageError("the model library is gone");
        deltas.accept(pieces.get(i));
        written.append(pieces.get(i));
      }
      return written.toString();
    }
  }
}
