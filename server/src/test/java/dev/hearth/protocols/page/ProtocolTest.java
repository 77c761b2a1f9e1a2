package dev.hearth.protocols.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtocolTest {

  @Test
  void clientMessagesRoundTrip() throws ProtocolException {
    List<ClientMessage> all = List.of(
        new ClientMessage.Start(48_000, "pcm_s16le", 1, null, null),
        new ClientMessage.Start(16_000, "pcm_s16le", 2, "c-1", "cmu-slt-hsmm"),
        new ClientMessage.Stop(), new ClientMessage.Cancel(),
        new ClientMessage.Text("what time is it", "c-2", null));
    for (ClientMessage m : all) assertThat(ClientMessage.fromJson(m.toJson())).isEqualTo(m);
  }

  @Test
  void serverMessagesRoundTrip() throws ProtocolException {
    Map<String, Double> timings = new LinkedHashMap<>();
    timings.put("stt_final_ms", 21.5);
    timings.put("first_reply_ms", null);
    List<ServerMessage> all = List.of(
        new ServerMessage.Ready("c", "t"), new ServerMessage.Transcript("hello", false),
        new ServerMessage.Transcript("hello world", true), new ServerMessage.ReplyDelta("It's"),
        new ServerMessage.ReplyFinal("It's noon.", "skill"), new ServerMessage.AudioStart("pcm_s16le", 24_000, 1),
        new ServerMessage.AudioEnd(), new ServerMessage.TurnDone("t", "c", timings),
        new ServerMessage.Announcement("timer", "Your timer is done.", "tm_1", "c"),
        new ServerMessage.Error("bad_json", "nope", null), new ServerMessage.Error("stt_failed", "x", "t"));
    for (ServerMessage m : all) assertThat(ServerMessage.fromJson(m.toJson())).isEqualTo(m);
  }

  @Test
  void wireNamesAreTheDocumentedOnes() {
    assertThat(new ClientMessage.Start(16_000, "pcm_s16le", 1, "c", null).toJson())
        .isEqualTo("{\"type\":\"start\",\"sample_rate\":16000,\"format\":\"pcm_s16le\",\"channels\":1,\"conversation_id\":\"c\"}");
    assertThat(new ServerMessage.ReplyFinal("Hi.", "skill").toJson())
        .isEqualTo("{\"type\":\"reply\",\"text\":\"Hi.\",\"final\":true,\"source\":\"skill\"}");
  }

  @Test
  void badInputGetsTheDocumentedCodes() {
    assertCode("{not json", "bad_json");
    assertCode("[1,2]", "bad_json");
    assertCode("{\"type\":\"dance\"}", "unknown_type");
    assertCode("{\"sample_rate\":16000}", "bad_message");
    assertCode("{\"type\":\"start\",\"sample_rate\":3,\"format\":\"pcm_s16le\"}", "bad_sample_rate");
    assertCode("{\"type\":\"start\",\"sample_rate\":96000,\"format\":\"pcm_s16le\"}", "bad_sample_rate");
    assertCode("{\"type\":\"start\",\"sample_rate\":\"fast\",\"format\":\"pcm_s16le\"}", "bad_message");
    assertCode("{\"type\":\"start\",\"sample_rate\":16000,\"format\":\"mp3\"}", "bad_format");
    assertCode("{\"type\":\"start\",\"sample_rate\":16000,\"format\":\"pcm_s16le\",\"channels\":6}", "bad_format");
    assertCode("{\"type\":\"start\",\"sample_rate\":16000}", "bad_message");
    assertCode("{\"type\":\"text\",\"text\":\"   \"}", "bad_message");
    assertCode("{\"type\":\"text\",\"text\":\"" + "a".repeat(2_001) + "\"}", "bad_message");
    assertCode("{\"type\":\"text\",\"text\":7}", "bad_message");
  }

  private static void assertCode(String json, String code) {
    assertThatThrownBy(() -> ClientMessage.fromJson(json)).as(json)
        .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
