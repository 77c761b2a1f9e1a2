package dev.hearth.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST calls against the fake OpenAI: its documented answers, and each way a call goes wrong. */
class OpenAiClientTest {
  private FakeOpenAi fake;
  private Connectivity connectivity;
  private OpenAiClient client;

  @BeforeEach
  void start() throws Exception {
    fake = FakeOpenAi.start();
    connectivity = new Connectivity(Clock.systemUTC());
    client = new OpenAiClient(fake.baseUrl(), FakeOpenAi.KEY, connectivity);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private static ObjectNode chatBody() {
    ObjectNode body = OpenAiClient.JSON.createObjectNode().put("model", "gpt-4o-mini");
    body.putArray("messages").addObject().put("role", "user").put("content", "what is the capital of france");
    return body;
  }

  @Test
  void streamsTheAnswerPieceByPieceWithTheKeyInTheHeaderOnly() throws Exception {
    List<String> pieces = new ArrayList<>();
    OpenAiClient.ChatText answer = client.streamChat(chatBody(), pieces::add, () -> false, 2_000, 2_000);
    assertThat(answer.text()).isEqualTo("Paris is the capital of France. It sits on the Seine.");
    assertThat(answer.finishReason()).isEqualTo("stop");
    assertThat(pieces).hasSizeGreaterThan(5);
    assertThat(String.join("", pieces)).isEqualTo(answer.text());
    FakeOpenAi.Received request = fake.received("/chat/completions").get(0);
    assertThat(request.header("authorization")).isEqualTo("Bearer " + FakeOpenAi.KEY);
    assertThat(request.json().path("stream").asBoolean()).isTrue();
    assertThat(request.text()).doesNotContain(FakeOpenAi.KEY);
    assertThat(connectivity.state()).isEqualTo(Connectivity.State.REACHABLE);
  }

  @Test
  void aRefusedKeyIsReportedWithoutTheKeyAndMarksItRejected() {
    OpenAiClient wrong = new OpenAiClient(fake.baseUrl(), "sk-wrong-key-9876543210", connectivity);
    OpenAiException e = catchThrowableOfType(() -> wrong.streamChat(chatBody(), p -> {}, () -> false, 2_000, 2_000),
        OpenAiException.class);
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.code()).isEqualTo("invalid_api_key");
    assertThat(e.getMessage()).startsWith("HTTP 401 invalid_api_key: Incorrect API key provided").doesNotContain("9876543210");
    assertThat(connectivity.state()).isEqualTo(Connectivity.State.KEY_REJECTED);
    assertThat(connectivity.report().toString()).doesNotContain("9876543210");
  }

  @Test
  void rateLimitsAndServerErrorsCarryTheirStatusAndCode() {
    fake.fail(429, "rate_limit_exceeded");
    OpenAiException limited = catchThrowableOfType(() -> client.streamChat(chatBody(), p -> {}, () -> false, 2_000, 2_000),
        OpenAiException.class);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.code()).isEqualTo("rate_limit_exceeded");
    fake.fail(500, "server_error");
    OpenAiException broken = catchThrowableOfType(() -> client.streamChat(chatBody(), p -> {}, () -> false, 2_000, 2_000),
        OpenAiException.class);
    assertThat(broken.status()).isEqualTo(500);
    // an HTTP answer, even an error, means OpenAI is reachable
    assertThat(connectivity.state()).isEqualTo(Connectivity.State.REACHABLE);
  }

  @Test
  void aSlowFirstWordTimesOutOnTime() {
    fake.delay(3_000);
    long start = System.nanoTime();
    OpenAiException e = catchThrowableOfType(() -> client.streamChat(chatBody(), p -> {}, () -> false, 400, 2_000),
        OpenAiException.class);
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(e.kind()).isEqualTo(OpenAiException.Kind.TIMEOUT);
    assertThat(e.getMessage()).isEqualTo("waiting for the first words timed out after 400 ms");
    assertThat(tookMillis).isBetween(400L, 1_500L);
    // one timeout may be a slow answer; a second in a row makes OpenAI unreachable
    assertThat(connectivity.state()).isEqualTo(Connectivity.State.UNKNOWN);
    catchThrowableOfType(() -> client.streamChat(chatBody(), p -> {}, () -> false, 400, 2_000), OpenAiException.class);
    assertThat(connectivity.state()).isEqualTo(Connectivity.State.UNREACHABLE);
  }

  /** A model slow to write after OpenAI answered 200 says nothing about reaching it: timeouts then never add up. */
  @Test
  void slowWordsAfterTheAnswerBeganDoNotMakeOpenAiUnreachable() {
    fake.emptyDeltasFor(2_000);
    for (int i = 0; i < 3; i++) {
      OpenAiException e = catchThrowableOfType(() -> client.streamChat(chatBody(), p -> {}, () -> false, 300, 2_000),
          OpenAiException.class);
      assertThat(e.kind()).isEqualTo(OpenAiException.Kind.TIMEOUT);
    }
    assertThat(connectivity.state()).isEqualTo(Connectivity.State.REACHABLE);
    assertThat(connectivity.usable()).isTrue();
  }

  /**
   * Regression: every line of the stream (the status, keep-alive comments, chunks with an empty delta) restarted the
   * wait for the first words, so a model that kept the stream alive without writing held the turn past its deadline.
   */
  @Test
  void keepAlivesAndEmptyDeltasDoNotPutOffTheFirstWordsTimeout() {
    fake.emptyDeltasFor(5_000);
    List<String> pieces = new ArrayList<>();
    long start = System.nanoTime();
    OpenAiException e = catchThrowableOfType(() -> client.streamChat(chatBody(), pieces::add, () -> false, 500, 2_000),
        OpenAiException.class);
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(e.getMessage()).isEqualTo("waiting for the first words timed out after 500 ms");
    assertThat(tookMillis).isBetween(500L, 1_500L);
    assertThat(String.join("", pieces)).isEmpty();
  }

  @Test
  void emptyDeltasBeforeTheWordsAreSkipped() throws Exception {
    fake.emptyDeltasFor(300);
    List<String> pieces = new ArrayList<>();
    OpenAiClient.ChatText answer = client.streamChat(chatBody(), pieces::add, () -> false, 2_000, 2_000);
    assertThat(answer.text()).isEqualTo("Paris is the capital of France. It sits on the Seine.");
    assertThat(pieces).doesNotContain("");
  }

  @Test
  void aServerThatNeverAnswersTimesOut() {
    fake.hang();
    OpenAiException e = catchThrowableOfType(() -> client.streamChat(chatBody(), p -> {}, () -> false, 300, 300),
        OpenAiException.class);
    assertThat(e.kind()).isEqualTo(OpenAiException.Kind.TIMEOUT);
  }

  @Test
  void aStreamThatStopsMidAnswerFailsAfterItsFirstPieces() {
    fake.dropMidStream();
    List<String> pieces = new ArrayList<>();
    OpenAiException e = catchThrowableOfType(() -> client.streamChat(chatBody(), pieces::add, () -> false, 2_000, 2_000),
        OpenAiException.class);
    assertThat(e.kind()).isEqualTo(OpenAiException.Kind.CONNECTION);
    assertThat(String.join("", pieces)).isEqualTo("Paris is ");
  }

  @Test
  void anErrorEventMidStreamFailsWithOpenAisCodeAndMessageAfterItsFirstPieces() {
    fake.errorMidStream();
    List<String> pieces = new ArrayList<>();
    OpenAiException e = catchThrowableOfType(() -> client.streamChat(chatBody(), pieces::add, () -> false, 2_000, 2_000),
        OpenAiException.class);
    assertThat(e.kind()).isEqualTo(OpenAiException.Kind.HTTP);
    assertThat(e.code()).isEqualTo("server_error");
    assertThat(e.getMessage()).isEqualTo("stream error server_error: The server had an error while processing your request.");
    assertThat(String.join("", pieces)).isEqualTo("Paris is ");
    assertThat(connectivity.state()).isEqualTo(Connectivity.State.REACHABLE); // OpenAI answered, with an error
  }

  @Test
  void aDroppedClientSecretRequestIsAConnectionFailure() {
    fake.dropOn("/realtime/client_secrets");
    ObjectNode body = OpenAiClient.JSON.createObjectNode();
    body.putObject("session").put("type", "realtime").put("model", "gpt-realtime");
    Throwable thrown = catchThrowableOfType(() -> client.postJson("/realtime/client_secrets", body, Duration.ofSeconds(5)).join(),
        java.util.concurrent.CompletionException.class).getCause();
    assertThat(thrown).isInstanceOf(OpenAiException.class);
    assertThat(((OpenAiException) thrown).kind()).isEqualTo(OpenAiException.Kind.CONNECTION);
    assertThat(thrown.getMessage()).startsWith("POST /realtime/client_secrets failed: ");
    assertThat(connectivity.state()).isEqualTo(Connectivity.State.UNREACHABLE);
    assertThat(fake.received("/realtime/client_secrets")).hasSize(1);
  }

  @Test
  void aRealtimeCallAnsweredTooLateTimesOut() {
    fake.delayOn("/realtime/calls", 3_000);
    ObjectNode session = OpenAiClient.JSON.createObjectNode().put("type", "realtime").put("model", "gpt-realtime");
    long start = System.nanoTime();
    Throwable thrown = catchThrowableOfType(() -> client.createCall("v=0\r\n", session, Duration.ofMillis(300)).join(),
        java.util.concurrent.CompletionException.class).getCause();
    assertThat(thrown).isInstanceOf(OpenAiException.class).hasMessage("POST /realtime/calls timed out after 300 ms");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
    assertThat(client.probe(Duration.ofSeconds(5))).succeedsWithin(Duration.ofMillis(2_000)); // the other routes are not slow
  }

  @Test
  void aStallBetweenPiecesTimesOut() {
    fake.pieceDelay(1_000);
    List<String> pieces = new ArrayList<>();
    OpenAiException e = catchThrowableOfType(() -> client.streamChat(chatBody(), pieces::add, () -> false, 2_000, 300),
        OpenAiException.class);
    assertThat(e.getMessage()).isEqualTo("waiting for more words timed out after 300 ms");
    assertThat(pieces).isNotEmpty();
  }

  @Test
  void cancellingStopsTheStreamAtOnce() {
    fake.pieceDelay(300);
    AtomicBoolean cancelled = new AtomicBoolean();
    List<String> pieces = new ArrayList<>();
    long start = System.nanoTime();
    OpenAiException e = catchThrowableOfType(() -> client.streamChat(chatBody(), p -> {
      pieces.add(p);
      if (!p.isEmpty()) cancelled.set(true);
    }, cancelled::get, 2_000, 2_000), OpenAiException.class);
    assertThat(e.kind()).isEqualTo(OpenAiException.Kind.CANCELLED);
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(600);
    assertThat(String.join("", pieces)).isEqualTo("Paris ");
  }

  @Test
  void anUnreachableServerIsAConnectionFailure() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    OpenAiClient nowhere = new OpenAiClient("http://127.0.0.1:" + closedPort + "/v1", FakeOpenAi.KEY, connectivity);
    OpenAiException e = catchThrowableOfType(() -> nowhere.streamChat(chatBody(), p -> {}, () -> false, 2_000, 2_000),
        OpenAiException.class);
    assertThat(e.kind()).isEqualTo(OpenAiException.Kind.CONNECTION);
    assertThat(connectivity.state()).isEqualTo(Connectivity.State.UNREACHABLE);
    assertThat(connectivity.report()).containsKey("last_error");
  }

  @Test
  void theUnifiedInterfaceSendsTheOfferAndSessionAsMultipartAndReturnsTheAnswerAndCallId() throws Exception {
    ObjectNode session = OpenAiClient.JSON.createObjectNode().put("type", "realtime").put("model", "gpt-realtime");
    String offer = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";
    OpenAiClient.CallAnswer answer = client.createCall(offer, session, Duration.ofSeconds(5)).join();
    assertThat(answer.sdp()).startsWith("v=0");
    assertThat(answer.callId()).matches("rtc_[0-9a-f]{16}");
    FakeOpenAi.Received request = fake.received("/realtime/calls").get(0);
    String type = request.header("content-type");
    assertThat(type).startsWith("multipart/form-data; boundary=");
    Map<String, String> parts = FakeOpenAi.multipart(request.text(), type.substring(type.indexOf("boundary=") + 9));
    assertThat(parts.get("sdp")).isEqualTo(offer);
    assertThat(OpenAiClient.JSON.readTree(parts.get("session")).path("model").asText()).isEqualTo("gpt-realtime");
    client.hangUp(answer.callId(), Duration.ofSeconds(5)).join();
    assertThat(fake.received("/realtime/calls/" + answer.callId() + "/hangup")).hasSize(1);
  }

  @Test
  void aClientSecretComesBackAsTopLevelValue() {
    ObjectNode body = OpenAiClient.JSON.createObjectNode();
    body.putObject("expires_after").put("anchor", "created_at").put("seconds", 60);
    body.putObject("session").put("type", "realtime").put("model", "gpt-realtime");
    JsonNode secret = client.postJson("/realtime/client_secrets", body, Duration.ofSeconds(5)).join();
    assertThat(secret.path("value").asText()).startsWith("ek_");
    assertThat(fake.issuedSecrets()).containsExactly(secret.path("value").asText());
  }

  @Test
  void aProbeOfAWorkingServerMarksItReachable() {
    client.probe(Duration.ofSeconds(5)).join();
    assertThat(connectivity.state()).isEqualTo(Connectivity.State.REACHABLE);
    fake.fail(401, "invalid_api_key");
    assertThatThrownBy(() -> client.probe(Duration.ofSeconds(5)).join()).hasMessageContaining("HTTP 401");
    assertThat(connectivity.state()).isEqualTo(Connectivity.State.KEY_REJECTED);
  }
}
