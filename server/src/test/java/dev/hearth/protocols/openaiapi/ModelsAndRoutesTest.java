package dev.hearth.protocols.openaiapi;

import static dev.hearth.protocols.openaiapi.V1Client.error;
import static dev.hearth.protocols.openaiapi.V1Client.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/models}, and OpenAI-shaped answers for paths and methods the API does not have. */
@Tag("model")
@ExtendWith(OpenAiServers.class)
class ModelsAndRoutesTest {

  @Test
  void theModelsAreHearthsOwnWithAStableCreationTime() throws Exception {
    V1Client client = new V1Client(OpenAiServers.open().port());
    JsonNode list = json(client.get("/v1/models"));
    assertThat(list.path("object").asText()).isEqualTo("list");
    List<String> ids = new ArrayList<>();
    for (JsonNode m : list.path("data")) {
      ids.add(m.path("id").asText());
      assertThat(m.path("object").asText()).isEqualTo("model");
      assertThat(m.path("owned_by").asText()).isEqualTo("hearth");
      assertThat(m.path("created").asLong()).isEqualTo(list.at("/data/0/created").asLong()).isGreaterThan(1_700_000_000L);
    }
    assertThat(ids).containsExactly("vosk-model-small-en-us-0.15", "marytts", "hearth");
    assertThat(json(client.get("/v1/models")).path("data")).isEqualTo(list.path("data"));

    JsonNode one = json(client.get("/v1/models/marytts"));
    assertThat(one.path("id").asText()).isEqualTo("marytts");
    JsonNode missing = error(client.get("/v1/models/whisper-1"), 404);
    assertThat(missing.path("code").asText()).isEqualTo("model_not_found");
  }

  @Test
  void unknownPathsAre404AndWrongMethods405InOpenAisShape() throws Exception {
    V1Client client = new V1Client(OpenAiServers.open().port());
    JsonNode unknown = error(client.postJson("/v1/embeddings", "{\"model\":\"x\",\"input\":\"hi\"}"), 404);
    assertThat(unknown.path("message").asText()).contains("/v1/embeddings").contains("/v1/chat/completions");
    error(client.get("/v1"), 404);
    error(client.get("/v1/audio/translations"), 404);
    HttpResponse<byte[]> wrong = client.get("/v1/audio/speech");
    assertThat(error(wrong, 405).path("message").asText()).contains("GET /v1/audio/speech");
    assertThat(wrong.headers().firstValue("allow")).hasValue("POST");
    error(client.send(client.request("/v1/models").method("DELETE", HttpRequest.BodyPublishers.noBody()).build()), 405);
    assertThat(client.get("/api/health").statusCode()).isEqualTo(200); // the rest of the server is untouched
  }

  @Test
  void switchedOffTheApiIsNotThere(@TempDir Path data) throws Exception {
    Hearth hearth = TestServers.start(data, TestServers.merged(TestServers.TEXT_ONLY, Map.of("openai_server.enabled", "false")));
    try {
      V1Client client = new V1Client(hearth.port());
      assertThat(client.get("/v1/models").statusCode()).isEqualTo(404);
      assertThat(client.postJson("/v1/chat/completions", ChatCompletionsTest.ask("m", "hi")).statusCode()).isEqualTo(404);
      assertThat(client.get("/api/health").statusCode()).isEqualTo(200);
    } finally {
      hearth.close();
    }
  }
}
