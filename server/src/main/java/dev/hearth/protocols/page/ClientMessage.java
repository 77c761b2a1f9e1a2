package dev.hearth.protocols.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.speech.InputFormats;
import dev.hearth.speech.UnsupportedAudio;

/** JSON messages a client sends on {@code /ws}; see docs/protocol.md. */
public sealed interface ClientMessage {
  int MAX_TEXT_CHARS = 2_000;

  String type();

  String toJson();

  /** Push-to-talk pressed. {@code conversationId} and {@code voice} may be null. */
  record Start(int sampleRate, String format, int channels, String conversationId, String voice) implements ClientMessage {
    public String type() { return "start"; }

    public String toJson() {
      ObjectNode n = Json.object(type());
      n.put("sample_rate", sampleRate).put("format", format).put("channels", channels);
      if (conversationId != null) n.put("conversation_id", conversationId);
      if (voice != null) n.put("voice", voice);
      return Json.write(n);
    }
  }

  /** Push-to-talk released. */
  record Stop() implements ClientMessage {
    public String type() { return "stop"; }
    public String toJson() { return Json.write(Json.object(type())); }
  }

  /** Stop the answer now. */
  record Cancel() implements ClientMessage {
    public String type() { return "cancel"; }
    public String toJson() { return Json.write(Json.object(type())); }
  }

  /** A typed turn. */
  record Text(String text, String conversationId, String voice) implements ClientMessage {
    public String type() { return "text"; }

    public String toJson() {
      ObjectNode n = Json.object(type());
      n.put("text", text);
      if (conversationId != null) n.put("conversation_id", conversationId);
      if (voice != null) n.put("voice", voice);
      return Json.write(n);
    }
  }

  /** Parses and validates one text frame; the exception's code is the protocol error code to answer with. */
  static ClientMessage fromJson(String json) throws ProtocolException {
    ObjectNode n = Json.parse(json);
    String type = Json.text(n, "type", true);
    switch (type) {
      case "start" -> {
        int rate;
        try {
          JsonNode given = n.get("sample_rate");
          // any number is judged by the speech layer's rule, so 16000.5 and 96000 get the same answer on every front end
          rate = given != null && given.isNumber() ? InputFormats.rate(given.asDouble()) : Json.integer(n, "sample_rate", true);
        } catch (UnsupportedAudio e) {
          throw new ProtocolException("bad_sample_rate", e.getMessage());
        }
        String format = Json.text(n, "format", true);
        if (!format.equals("pcm_s16le")) {
          throw new ProtocolException("bad_format", "format '" + format + "' is not supported; send pcm_s16le.");
        }
        Integer channels = Json.integer(n, "channels", false);
        int ch = channels == null ? 1 : channels;
        try {
          InputFormats.channels(ch);
        } catch (UnsupportedAudio e) {
          throw new ProtocolException("bad_format", e.getMessage());
        }
        return new Start(rate, format, ch, conversation(n), Json.text(n, "voice", false));
      }
      case "stop" -> {
        return new Stop();
      }
      case "cancel" -> {
        return new Cancel();
      }
      case "text" -> {
        String text = Json.text(n, "text", true).strip();
        if (text.isEmpty()) throw new ProtocolException("bad_message", "text is empty.");
        if (text.length() > MAX_TEXT_CHARS) {
          throw new ProtocolException("bad_message", "text is longer than " + MAX_TEXT_CHARS + " characters.");
        }
        return new Text(text, conversation(n), Json.text(n, "voice", false));
      }
      default -> throw new ProtocolException("unknown_type",
          "Unknown message type '" + type + "'; expected start, stop, cancel or text.");
    }
  }

  private static String conversation(ObjectNode n) throws ProtocolException {
    String id = Json.text(n, "conversation_id", false);
    if (id != null && (id.isBlank() || id.length() > 100)) {
      throw new ProtocolException("bad_message", "conversation_id must be 1 to 100 characters.");
    }
    return id;
  }
}
