package dev.hearth.protocols.openaiapi;

import static dev.hearth.protocols.openaiapi.V1Client.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may use {@code /v1}: any program when no keys are set, only holders of a key when they are; web pages of other
 * origins only with a key; CORS for the pages that may.
 */
@Tag("model")
@ExtendWith(OpenAiServers.class)
class ApiAccessTest {
  private static final String EVIL = "https://evil.example";

  @Test
  void withoutKeysAnyKeyOrNoneIsAccepted() throws Exception {
    V1Client open = new V1Client(OpenAiServers.open().port());
    assertThat(open.get("/v1/models").statusCode()).isEqualTo(200);
    assertThat(open.with("Authorization", "Bearer sk-anything").get("/v1/models").statusCode()).isEqualTo(200);
    assertThat(open.with("Authorization", "Basic Zm9vOmJhcg==").get("/v1/models").statusCode()).isEqualTo(200);
  }

  @Test
  void withKeysAMissingOrWrongKeyIs401WithoutEchoingIt() throws Exception {
    V1Client keyed = new V1Client(OpenAiServers.keyed().port());
    JsonNode missing = error(keyed.get("/v1/models"), 401);
    assertThat(missing.path("code").asText()).isEqualTo("invalid_api_key");
    assertThat(missing.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(missing.path("message").asText()).contains("Authorization: Bearer");

    String wrong = "sk-wrong-key-abcdefghijklmnop1234";
    JsonNode bad = error(keyed.with("Authorization", "Bearer " + wrong).get("/v1/models"), 401);
    assertThat(bad.path("message").asText()).startsWith("Incorrect API key provided: sk-").contains("1234")
        .doesNotContain(wrong);
    assertThat(bad.path("code").asText()).isEqualTo("invalid_api_key");
    // the key is checked before the request is read: a refused upload does nothing
    error(keyed.with("Authorization", "Bearer " + wrong).postJson("/v1/chat/completions",
        ChatCompletionsTest.ask("m", "set a timer for one minute")), 401);
  }

  @Test
  void withKeysEitherKeyIsAccepted() throws Exception {
    V1Client keyed = new V1Client(OpenAiServers.keyed().port());
    assertThat(keyed.with("Authorization", "Bearer " + OpenAiServers.KEY).get("/v1/models").statusCode()).isEqualTo(200);
    assertThat(keyed.with("Authorization", "bearer " + OpenAiServers.SECOND_KEY).get("/v1/models").statusCode()).isEqualTo(200);
  }

  @Test
  void withoutKeysPagesOfOtherOriginsAreRefusedAndAllowedOnesGetCors() throws Exception {
    Hearth hearth = OpenAiServers.open();
    V1Client open = new V1Client(hearth.port());
    JsonNode refused = error(open.with("Origin", EVIL).postJson("/v1/chat/completions",
        ChatCompletionsTest.ask("m", "what is two plus two")), 403);
    assertThat(refused.path("code").asText()).isEqualTo("forbidden_origin");
    assertThat(refused.path("message").asText()).contains("openai_server.api_keys").contains(EVIL);
    error(open.with("Origin", EVIL).get("/v1/models"), 403);
    error(preflight(open, EVIL), 403);

    for (String origin : new String[] {OpenAiServers.ALLOWED_ORIGIN, "http://127.0.0.1:" + hearth.port(),
        "http://localhost:" + hearth.port()}) {
      HttpResponse<byte[]> response = open.with("Origin", origin).get("/v1/models");
      assertThat(response.statusCode()).as(origin).isEqualTo(200);
      assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue(origin);
      HttpResponse<byte[]> pre = preflight(open, origin);
      assertThat(pre.statusCode()).isEqualTo(204);
      assertThat(pre.headers().firstValue("access-control-allow-origin")).hasValue(origin);
      assertThat(pre.headers().firstValue("access-control-allow-methods").orElse("")).contains("POST");
      assertThat(pre.headers().firstValue("access-control-allow-headers"))
          .hasValue("authorization, content-type, x-stainless-os, x-stainless-retry-count");
    }
    assertThat(open.get("/v1/models").headers().firstValue("access-control-allow-origin")).isEmpty();
  }

  @Test
  void withKeysAPageOfAnyOriginMayCallWithAKey() throws Exception {
    V1Client keyed = new V1Client(OpenAiServers.keyed().port());
    HttpResponse<byte[]> pre = preflight(keyed, EVIL); // a preflight carries no key
    assertThat(pre.statusCode()).isEqualTo(204);
    assertThat(pre.headers().firstValue("access-control-allow-origin")).hasValue(EVIL);
    HttpResponse<byte[]> call = keyed.with("Origin", EVIL).with("Authorization", "Bearer " + OpenAiServers.KEY)
        .get("/v1/models");
    assertThat(call.statusCode()).isEqualTo(200);
    assertThat(call.headers().firstValue("access-control-allow-origin")).hasValue(EVIL);
    HttpResponse<byte[]> noKey = keyed.with("Origin", EVIL).get("/v1/models");
    error(noKey, 401);
    assertThat(noKey.headers().firstValue("access-control-allow-origin")).hasValue(EVIL); // so the page can read why
  }

  @Test
  void theApiIsServedOverHttpsTooAndNeverRedirected() throws Exception {
    Hearth hearth = OpenAiServers.open();
    HttpResponse<String> https = TestServers.httpsGet(hearth, "localhost", "/v1/models");
    assertThat(https.statusCode()).isEqualTo(200);
    assertThat(https.body()).contains("\"object\":\"list\"");
  }

  private static HttpResponse<byte[]> preflight(V1Client client, String origin) throws Exception {
    return client.send(client.request("/v1/chat/completions").header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization, content-type, x-stainless-os, x-stainless-retry-count")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
  }
}
