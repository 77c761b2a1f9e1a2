package dev.hearth.protocols.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON messages the server sends on {@code /ws}; see docs/protocol.md. Clients parse them with {@link #fromJson}. */
public sealed interface ServerMessage {

  String type();

  /** The message's fields, {@code type} first. */
  ObjectNode toNode();

  default String toJson() {
    return Json.write(toNode());
  }

  record Ready(String conversationId, String turnId) implements ServerMessage {
    public String type() { return "ready"; }
    public ObjectNode toNode() { return Json.object(type()).put("conversation_id", conversationId).put("turn_id", turnId); }
  }

  record Transcript(String text, boolean isFinal) implements ServerMessage {
    public String type() { return "transcript"; }
    public ObjectNode toNode() { return Json.object(type()).put("text", text).put("final", isFinal); }
  }

  record ReplyDelta(String delta) implements ServerMessage {
    public String type() { return "reply"; }
    public ObjectNode toNode() { return Json.object(type()).put("delta", delta); }
  }

  /** {@code detail}: a longer explanation for a screen, never spoken; null when the reply has none. */
  record ReplyFinal(String text, String source, String detail) implements ServerMessage {
    public ReplyFinal(String text, String source) {
      this(text, source, null);
    }

    public String type() { return "reply"; }
    public ObjectNode toNode() {
      ObjectNode n = Json.object(type()).put("text", text).put("final", true).put("source", source);
      return detail == null ? n : n.put("detail", detail);
    }
  }

  record AudioStart(String format, int sampleRate, int channels) implements ServerMessage {
    public String type() { return "audio_start"; }
    public ObjectNode toNode() {
      return Json.object(type()).put("format", format).put("sample_rate", sampleRate).put("channels", channels);
    }
  }

  record AudioEnd() implements ServerMessage {
    public String type() { return "audio_end"; }
    public ObjectNode toNode() { return Json.object(type()); }
  }

  /** {@code timings} values are milliseconds or null. */
  record TurnDone(String turnId, String conversationId, Map<String, Double> timings) implements ServerMessage {
    public String type() { return "turn_done"; }
    public ObjectNode toNode() {
      ObjectNode n = Json.object(type()).put("turn_id", turnId).put("conversation_id", conversationId);
      ObjectNode t = n.putObject("timings");
      timings.forEach(t::put);
      return n;
    }

    /** One timing in milliseconds, or null. */
    public Double millis(String name) {
      return timings.get(name);
    }
  }

  record Announcement(String kind, String text, String id, String conversationId) implements ServerMessage {
    public String type() { return "announcement"; }
    public ObjectNode toNode() {
      return Json.object(type()).put("kind", kind).put("text", text).put(kind + "_id", id)
          .put("conversation_id", conversationId);
    }
  }

  /** A household list ({@code shopping} or {@code todo}) changed: a page that shows it reads it again. */
  record ListChanged(String list) implements ServerMessage {
    public String type() { return "list_changed"; }
    public ObjectNode toNode() { return Json.object(type()).put("list", list); }
  }

  /**
   * {@code turnId} is null for errors that concern no turn; {@code endsTurn} says whether the running turn is over
   * (no {@code turn_done} follows).
   */
  record Error(String code, String message, String turnId, boolean endsTurn) implements ServerMessage {
    /** An error whose {@code endsTurn} follows its code ({@link ErrorCodes}). */
    public Error(String code, String message, String turnId) {
      this(code, message, turnId, ErrorCodes.endsTurn(code));
    }

    public String type() { return "error"; }
    public ObjectNode toNode() {
      ObjectNode n = Json.object(type()).put("code", code).put("message", message);
      if (turnId != null) n.put("turn_id", turnId);
      return n.put("ends_turn", endsTurn);
    }
  }

  /** Parses a server message (for clients: tests, bench, satellites). */
  static ServerMessage fromJson(String json) throws ProtocolException {
    ObjectNode n = Json.parse(json);
    String type = Json.text(n, "type", true);
    return switch (type) {
      case "ready" -> new Ready(Json.text(n, "conversation_id", true), Json.text(n, "turn_id", true));
      case "transcript" -> new Transcript(Json.text(n, "text", true), n.path("final").asBoolean());
      case "reply" -> n.path("final").asBoolean()
          ? new ReplyFinal(Json.text(n, "text", true), Json.text(n, "source", true), Json.text(n, "detail", false))
          : new ReplyDelta(Json.text(n, "delta", true));
      case "audio_start" -> new AudioStart(Json.text(n, "format", true), Json.integer(n, "sample_rate", true),
          Json.integer(n, "channels", true));
      case "audio_end" -> new AudioEnd();
      case "turn_done" -> {
        Map<String, Double> timings = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.path("timings").properties()) {
          timings.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asDouble());
        }
        yield new TurnDone(Json.text(n, "turn_id", true), Json.text(n, "conversation_id", true), timings);
      }
      case "announcement" -> new Announcement(Json.text(n, "kind", true), Json.text(n, "text", true),
          Json.text(n, Json.text(n, "kind", true) + "_id", false), Json.text(n, "conversation_id", true));
      case "list_changed" -> new ListChanged(Json.text(n, "list", true));
      case "error" -> {
        String code = Json.text(n, "code", true);
        // a server from before ends_turn: its code says
        boolean endsTurn = n.hasNonNull("ends_turn") ? Json.bool(n, "ends_turn") : ErrorCodes.endsTurn(code);
        yield new Error(code, Json.text(n, "message", true), Json.text(n, "turn_id", false), endsTurn);
      }
      default -> throw new ProtocolException("unknown_type", "Unknown server message type '" + type + "'.");
    };
  }
}
