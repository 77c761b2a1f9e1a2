package dev.hearth.protocols.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.audio.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        new ServerMessage.ReplyFinal("It's noon.", "skill"),
        new ServerMessage.ReplyFinal("I can't answer that offline yet.", "fallback", "It needs a language model."),
        new ServerMessage.AudioStart("pcm_s16le", 24_000, 1),
        new ServerMessage.AudioEnd(), new ServerMessage.TurnDone("t", "c", timings),
        new ServerMessage.Announcement("timer", "Your timer is done.", "tm_1", "c"),
        new ServerMessage.ListChanged("shopping"),
        new ServerMessage.Error("bad_json", "nope", null), new ServerMessage.Error("stt_failed", "x", "t"),
        new ServerMessage.Error("history_failed", "not saved", "t", true), new ServerMessage.Error("not_listening", "y", null, false));
    for (ServerMessage m : all) assertThat(ServerMessage.fromJson(m.toJson())).isEqualTo(m);
  }

  /** The page used to keep its own list of turn-ending codes; the server now says so in each error. */
  @Test
  void anErrorSaysWhetherItEndsTheTurn() throws ProtocolException {
    assertThat(new ServerMessage.Error("utterance_too_long", "Too long.", "t").toJson())
        .isEqualTo("{\"type\":\"error\",\"code\":\"utterance_too_long\",\"message\":\"Too long.\",\"turn_id\":\"t\",\"ends_turn\":true}");
    assertThat(new ServerMessage.Error("audio_without_start", "Send start first.", null).toJson())
        .isEqualTo("{\"type\":\"error\",\"code\":\"audio_without_start\",\"message\":\"Send start first.\",\"ends_turn\":false}");
    assertThat(ServerMessage.fromJson("{\"type\":\"error\",\"code\":\"brain_failed\",\"message\":\"m\"}"))
        .as("a server from before the field: the code decides").isEqualTo(new ServerMessage.Error("brain_failed", "m", null, true));
    assertThatThrownBy(() -> ServerMessage.fromJson("{\"type\":\"error\",\"code\":\"x\",\"message\":\"m\",\"ends_turn\":\"yes\"}"))
        .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo("bad_message"));
  }

  /** docs/protocol.md's "Error codes" table and {@link ErrorCodes} say the same of every code. */
  @Test
  void theDocumentedCodesEndTheTurnExactlyWhereErrorCodesSays() throws IOException {
    String doc = Files.readString(TestData.home().resolve("docs/protocol.md"));
    Matcher row = Pattern.compile("(?m)^\\| (`[a-z_]+`(?:, `[a-z_]+`)*) \\|.*\\| (yes|no|—)[^|]*\\|$").matcher(doc);
    Map<String, Boolean> documented = new LinkedHashMap<>();
    while (row.find()) {
      for (String code : row.group(1).replace("`", "").split(", ")) documented.put(code, row.group(2).equals("yes"));
    }
    assertThat(documented).as("codes in the table").containsKeys("bad_json", "unknown_conversation", "history_failed");
    documented.forEach((code, ends) -> assertThat(ErrorCodes.endsTurn(code)).as(code).isEqualTo(ends));
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
