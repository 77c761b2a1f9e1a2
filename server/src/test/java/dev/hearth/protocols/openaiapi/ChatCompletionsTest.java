package dev.hearth.protocols.openaiapi;

import static dev.hearth.protocols.openaiapi.V1Client.error;
import static dev.hearth.protocols.openaiapi.V1Client.events;
import static dev.hearth.protocols.openaiapi.V1Client.json;
import static dev.hearth.protocols.openaiapi.V1Client.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.app.Hearth;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /v1/chat/completions} answered by the real brain without a language model: skills and the fallback. */
@Tag("model")
@ExtendWith(OpenAiServers.class)
class ChatCompletionsTest {
  private static final String PATH = "/v1/chat/completions";
  private static Hearth hearth;
  private static V1Client client;

  @BeforeAll
  static void start() {
    hearth = OpenAiServers.open();
    client = new V1Client(hearth.port());
  }

  static String ask(String model, String question) {
    return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]}";
  }

  private static HttpResponse<byte[]> post(String json) throws Exception {
    HttpResponse<byte[]> response = client.postJson(PATH, json);
    assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
    return response;
  }

  @Test
  void aSkillAnswersAWholeCompletionThatEchoesTheModel() throws Exception {
    HttpResponse<byte[]> response = post(ask("gpt-4o-mini", "what is twelve times seven"));
    assertThat(response.headers().firstValue("x-hearth-source")).hasValue("skill");
    JsonNode c = json(response);
    assertThat(c.path("id").asText()).startsWith("chatcmpl-");
    assertThat(c.path("object").asText()).isEqualTo("chat.completion");
    assertThat(c.path("created").asLong()).isGreaterThan(1_700_000_000L);
    assertThat(c.path("model").asText()).isEqualTo("gpt-4o-mini");
    JsonNode choice = c.at("/choices/0");
    assertThat(choice.path("index").asInt()).isZero();
    assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    assertThat(choice.has("logprobs")).isTrue();
    assertThat(choice.at("/message/role").asText()).isEqualTo("assistant");
    assertThat(choice.at("/message/content").asText()).contains("84");
    assertThat(choice.at("/message/refusal").isNull()).isTrue();
    JsonNode usage = c.path("usage");
    assertThat(usage.path("total_tokens").asLong())
        .isEqualTo(usage.path("prompt_tokens").asLong() + usage.path("completion_tokens").asLong()).isPositive();
  }

  @Test
  void aStreamedAnswerComesAsChunksEndingWithDone() throws Exception {
    HttpResponse<byte[]> response = post("{\"model\":\"any-name\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"what is twelve times seven\"}]}]}");
    assertThat(V1Client.contentType(response)).startsWith("text/event-stream");
    assertThat(response.headers().firstValue("x-hearth-source")).hasValue("skill");
    List<String> events = events(response);
    assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
    List<JsonNode> chunks = new ArrayList<>();
    for (String e : events.subList(0, events.size() - 1)) chunks.add(V1Client.JSON.readTree(e));
    JsonNode first = chunks.get(0);
    assertThat(first.at("/choices/0/delta/role").asText()).isEqualTo("assistant");
    StringBuilder content = new StringBuilder();
    for (JsonNode chunk : chunks) {
      assertThat(chunk.path("id").asText()).isEqualTo(first.path("id").asText());
      assertThat(chunk.path("created").asLong()).isEqualTo(first.path("created").asLong());
      assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
      assertThat(chunk.path("model").asText()).isEqualTo("any-name");
      if (chunk.path("choices").size() > 0) {
        content.append(chunk.at("/choices/0/delta/content").asText(""));
        assertThat(chunk.get("usage").isNull()).isTrue();
      }
    }
    assertThat(content.toString()).contains("84");
    JsonNode last = chunks.get(chunks.size() - 2);
    assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(last.at("/choices/0/delta").size()).isZero();
    JsonNode usage = chunks.get(chunks.size() - 1);
    assertThat(usage.path("choices").size()).isZero();
    assertThat(usage.at("/usage/completion_tokens").asLong()).isPositive();
  }

  @Test
  void withoutIncludeUsageTheChunksCarryNoUsage() throws Exception {
    List<String> events = events(post(ask("m", "what is two plus two").replace("{\"model\"", "{\"stream\":true,\"model\"")));
    assertThat(events).last().isEqualTo("[DONE]");
    for (String e : events.subList(0, events.size() - 1)) assertThat(V1Client.JSON.readTree(e).has("usage")).isFalse();
  }

  @Test
  void earlierMessagesAreTheContextSoTheBrainCanSayThatAgain() throws Exception {
    JsonNode c = json(post("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"what is two plus two\"},"
        + "{\"role\":\"assistant\",\"content\":\"Two plus two is 4.\"},{\"role\":\"user\",\"content\":\"say that again\"}]}"));
    assertThat(c.at("/choices/0/message/content").asText()).contains("Two plus two is 4.");
  }

  @Test
  void nothingIsStoredAndTimersCannotBeSet() throws Exception {
    String before = text(client.get("/api/conversations"));
    HttpResponse<byte[]> response = post(ask("m", "set a timer for five minutes"));
    assertThat(json(response).at("/choices/0/message/content").asText()).isEqualTo(StatelessTimers.REFUSAL);
    assertThat(response.headers().firstValue("x-hearth-source")).hasValue("skill");
    assertThat(json(post(ask("m", "what timers do i have"))).at("/choices/0/message/content").asText())
        .isEqualTo("You have no timers.");
    post(ask("m", "what is three plus four"));
    assertThat(text(client.get("/api/conversations"))).isEqualTo(before);
  }

  @Test
  void whatNoSkillKnowsGetsTheOfflineFallback() throws Exception {
    HttpResponse<byte[]> response = post(ask("gpt-4o", "write me a poem about the sea"));
    assertThat(response.headers().firstValue("x-hearth-source")).hasValue("fallback");
    assertThat(json(response).at("/choices/0/message/content").asText()).contains("language model");
  }

  @Test
  void anInputAudioPartIsTranscribedAndAnswered() throws Exception {
    HttpResponse<byte[]> speech = client.postJson("/v1/audio/speech",
        "{\"model\":\"tts-1\",\"voice\":\"alloy\",\"input\":\"What is twelve times seven?\"}");
    assertThat(speech.statusCode()).isEqualTo(200);
    String audio = Base64.getEncoder().encodeToString(speech.body());
    JsonNode c = json(post("{\"model\":\"gpt-4o-audio-preview\",\"messages\":[{\"role\":\"user\",\"content\":["
        + "{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"" + audio + "\",\"format\":\"wav\"}}]}]}"));
    assertThat(c.at("/choices/0/message/content").asText()).contains("84");
  }

  @Test
  void requestsTheBrainCannotHonourAreRefusedNamingTheField() throws Exception {
    assertRefused("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "model", "missing_required_parameter");
    assertRefused("{\"model\":\"m\"}", "messages", "missing_required_parameter");
    assertRefused("{\"model\":\"m\",\"messages\":[]}", "messages", "empty_array");
    assertRefused("{\"model\":\"m\",\"messages\":\"hi\"}", "messages", "invalid_type");
    assertRefused("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\","
        + "\"content\":\"hello\"}]}", "messages", "invalid_value");
    assertRefused("{\"model\":\"m\",\"messages\":[{\"role\":\"wizard\",\"content\":\"hi\"}]}", "messages[0].role", "invalid_value");
    assertRefused("{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"42\",\"tool_call_id\":\"x\"},"
        + "{\"role\":\"user\",\"content\":\"hi\"}]}", "messages[0].role", "unsupported_value");
    assertRefused("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
        + "\"image_url\":{\"url\":\"http://x/y.png\"}}]}]}", "messages[0].content[0].type", "unsupported_value");
    assertRefused("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\","
        + "\"input_audio\":{\"data\":\"AAAA\",\"format\":\"mp3\"}}]}]}", "messages[0].content[0].input_audio.format",
        "unsupported_value");
    assertRefused("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\","
        + "\"input_audio\":{\"data\":\"bm90IGEgd2F2\",\"format\":\"wav\"}}]}]}", "messages[0].content[0].input_audio.data",
        "unsupported_file_format");
    assertRefused(ask("m", "hi").replace("{\"model\"", "{\"n\":2,\"model\""), "n", "unsupported_value");
    assertRefused(ask("m", "hi").replace("{\"model\"", "{\"response_format\":{\"type\":\"json_object\"},\"model\""),
        "response_format", "unsupported_value");
    assertRefused(ask("m", "hi").replace("{\"model\"", "{\"modalities\":[\"text\",\"audio\"],\"model\""), "modalities",
        "unsupported_value");
    assertRefused(ask("m", "hi").replace("{\"model\"", "{\"tool_choice\":\"required\",\"model\""), "tool_choice",
        "unsupported_value");
    assertRefused(ask("m", "hi").replace("{\"model\"", "{\"stream\":\"yes\",\"model\""), "stream", "invalid_type");
    assertThat(error(client.postJson(PATH, "{\"model\": \"m\", \"messages\": [}"), 400).path("code").asText())
        .isEqualTo("invalid_json");
    // settings the brain ignores are accepted
    JsonNode c = json(post(ask("m", "what is two plus two").replace("{\"model\"",
        "{\"temperature\":0.2,\"max_tokens\":5,\"stop\":[\"x\"],\"seed\":1,\"user\":\"u\",\"tools\":[],\"model\"")));
    assertThat(c.at("/choices/0/message/content").asText()).contains("4");
  }

  private static void assertRefused(String json, String param, String code) throws Exception {
    JsonNode e = error(client.postJson(PATH, json), 400);
    assertThat(e.path("param").asText()).as(json).isEqualTo(param);
    assertThat(e.path("code").asText()).as(json).isEqualTo(code);
    assertThat(e.path("type").asText()).isEqualTo("invalid_request_error");
  }
}
