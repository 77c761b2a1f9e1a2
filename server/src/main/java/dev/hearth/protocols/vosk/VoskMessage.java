package dev.hearth.protocols.vosk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.speech.InputFormats;
import dev.hearth.speech.UnsupportedAudio;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The text frames a vosk-server client sends (alphacep/vosk-server {@code websocket/asr_server.py}): an optional
 * {@code config}, then {@code {"eof" : 1}} to end the stream or {@code {"reset" : 1}} to end the utterance. Audio
 * travels in binary frames and is not a message here. Anything else is refused with a {@link VoskProtocolException}.
 */
sealed interface VoskMessage {
  /** The most alternatives a client may ask for. */
  int MAX_ALTERNATIVES = 100;

  ObjectMapper JSON = new ObjectMapper();

  /** The message as vosk-server's clients spell it. */
  String toJson();

  /**
   * Settings for the recognition that follows; each absent key leaves the setting as it was. No reply is sent.
   *
   * @param sampleRateHz the rate of the PCM the client sends
   * @param words whether final results carry word timings ({@code result})
   * @param maxAlternatives 0 for one best result, N for up to N {@code alternatives}
   * @param phraseList the only phrases to recognize; an empty list means the whole model
   * @param ignoredKeys keys this server does not act on, such as {@code model} (a path on vosk-server's machine)
   */
  record Config(OptionalInt sampleRateHz, Optional<Boolean> words, OptionalInt maxAlternatives,
      Optional<List<String>> phraseList, List<String> ignoredKeys) implements VoskMessage {
    public Config {
      phraseList = phraseList.map(List::copyOf);
      ignoredKeys = List.copyOf(ignoredKeys);
    }

    @Override
    public String toJson() {
      ObjectNode config = JSON.createObjectNode();
      sampleRateHz.ifPresent(rate -> config.put("sample_rate", rate));
      words.ifPresent(w -> config.put("words", w));
      maxAlternatives.ifPresent(n -> config.put("max_alternatives", n));
      phraseList.ifPresent(list -> list.forEach(config.putArray("phrase_list")::add));
      ObjectNode message = JSON.createObjectNode();
      message.set("config", config);
      return message.toString();
    }
  }

  /** The client's audio has ended: answer with the final result, then close the connection (1000). */
  record Eof() implements VoskMessage {
    @Override
    public String toJson() {
      return "{\"eof\" : 1}";
    }
  }

  /** End the current utterance: answer with its final result and keep the connection open. */
  record Reset() implements VoskMessage {
    @Override
    public String toJson() {
      return "{\"reset\" : 1}";
    }
  }

  /**
   * Reads one text frame. A JSON object with a {@code config} key is a config (other keys beside it are ignored,
   * as vosk-server ignores them); otherwise the object must be exactly {@code {"eof": 1}} or {@code {"reset": 1}},
   * spaced any way.
   */
  static VoskMessage fromJson(String text) throws VoskProtocolException {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      throw new VoskProtocolException(VoskProtocolException.UNSUPPORTED,
          "not JSON; send {\"config\": {...}}, {\"eof\" : 1}, {\"reset\" : 1} or binary PCM");
    }
    if (node.has("config")) return config(node.get("config"));
    if (node.size() == 1 && isOne(node.get("eof"))) return new Eof();
    if (node.size() == 1 && isOne(node.get("reset"))) return new Reset();
    throw new VoskProtocolException(VoskProtocolException.UNSUPPORTED,
        "unknown message; send {\"config\": {...}}, {\"eof\" : 1}, {\"reset\" : 1} or binary PCM");
  }

  private static boolean isOne(JsonNode value) {
    return value != null && value.isNumber() && value.asDouble() == 1.0;
  }

  private static Config config(JsonNode config) throws VoskProtocolException {
    if (!config.isObject()) throw invalid("config must be a JSON object");
    OptionalInt rate = OptionalInt.empty();
    Optional<Boolean> words = Optional.empty();
    OptionalInt alternatives = OptionalInt.empty();
    Optional<List<String>> phrases = Optional.empty();
    List<String> ignored = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode v = field.getValue();
      switch (field.getKey()) {
        case "sample_rate" -> rate = OptionalInt.of(sampleRate(v));
        case "words" -> {
          if (v.isBoolean()) words = Optional.of(v.asBoolean());
          else if (v.isNumber()) words = Optional.of(v.asDouble() != 0);
          else throw invalid("config.words must be true/false or 1/0");
        }
        case "max_alternatives" -> alternatives = OptionalInt.of(integer(v, 0, MAX_ALTERNATIVES,
            "config.max_alternatives must be a whole number from 0 to " + MAX_ALTERNATIVES));
        case "phrase_list" -> phrases = Optional.of(phraseList(v));
        default -> ignored.add(field.getKey());
      }
    }
    return new Config(rate, words, alternatives, phrases, ignored);
  }

  /** A sample rate the speech layer accepts, given as a JSON number or a numeric string (vosk-server runs {@code float()}). */
  private static int sampleRate(JsonNode v) throws VoskProtocolException {
    try {
      if (v.isNumber()) return InputFormats.rate(v.asDouble());
      String text = v.isTextual() ? v.asText().strip() : v.toString();
      try {
        return InputFormats.rate(Double.parseDouble(text));
      } catch (NumberFormatException e) {
        throw InputFormats.notARate(text);
      }
    } catch (UnsupportedAudio e) {
      throw invalid("config.sample_rate: " + e.getMessage());
    }
  }

  /** A whole number in range, given as a JSON number or a numeric string (vosk-server runs {@code int()}). */
  private static int integer(JsonNode v, int min, int max, String rule) throws VoskProtocolException {
    double d;
    if (v.isNumber()) {
      d = v.asDouble();
    } else if (v.isTextual()) {
      try {
        d = Double.parseDouble(v.asText().strip());
      } catch (NumberFormatException e) {
        throw invalid(rule);
      }
    } else {
      throw invalid(rule);
    }
    if (!(d >= min && d <= max) || d != Math.rint(d)) throw invalid(rule);
    return (int) d;
  }

  /** Strings; null or an empty list means the whole model, as in vosk-server. */
  private static List<String> phraseList(JsonNode v) throws VoskProtocolException {
    if (v.isNull()) return List.of();
    if (!v.isArray()) throw invalid("config.phrase_list must be a list of strings");
    List<String> phrases = new ArrayList<>();
    for (JsonNode p : v) {
      if (!p.isTextual()) throw invalid("config.phrase_list must be a list of strings");
      phrases.add(p.asText());
    }
    return phrases;
  }

  private static VoskProtocolException invalid(String message) {
    return new VoskProtocolException(VoskProtocolException.INVALID, message);
  }
}
