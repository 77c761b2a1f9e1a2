package dev.hearth.stt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What Vosk heard in one utterance, read from its result JSON: the one place Hearth reads that JSON. Vosk answers
 * {@code {"text": ...}}, with {@code "result": [{"word", "start", "end", "conf"}...]} when word timings are on, or
 * {@code {"alternatives": [{"text", "confidence", "result"}...]}} (best first, and no top-level text) when
 * alternatives are asked for; a partial result is {@code {"partial": ...}}.
 *
 * @param text the words, lowercase, trimmed (empty when nothing was heard); the best alternative's when there are some
 * @param words each word with its times (seconds from the stream's start); empty without word timings
 * @param alternatives the N-best list, best first; empty unless alternatives were asked for
 */
public record VoskResult(String text, List<Word> words, List<Alternative> alternatives) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public VoskResult {
    words = List.copyOf(words);
    alternatives = List.copyOf(alternatives);
  }

  /**
   * A recognized word.
   *
   * @param start seconds from the stream's start
   * @param confidence Vosk's confidence, 0 to 1 (1 where Vosk gives none, as in alternatives)
   */
  public record Word(String word, double start, double end, double confidence) {}

  /** One reading of the utterance in an N-best list; {@code confidence} is Vosk's score for it. */
  public record Alternative(String text, double confidence, List<Word> words) {
    public Alternative {
      words = List.copyOf(words);
    }
  }

  /** Reads a final result ({@code getResult}, {@code getFinalResult}). */
  public static VoskResult parse(String json) throws SttException {
    JsonNode root = read(json);
    List<Alternative> alternatives = new ArrayList<>();
    for (JsonNode a : root.path("alternatives")) {
      alternatives.add(new Alternative(text(a, "text"), a.path("confidence").asDouble(), words(a.path("result"))));
    }
    if (root.has("text") || alternatives.isEmpty()) {
      return new VoskResult(text(root, "text"), words(root.path("result")), alternatives);
    }
    Alternative best = alternatives.get(0);
    return new VoskResult(best.text(), best.words(), alternatives);
  }

  /**
   * The readings of a stretch of speech heard as {@code results} (its utterances, in order), best first: the words of
   * every utterance, then, when it was one utterance, that utterance's other alternatives (a request with a pause in
   * it is taken as heard).
   */
  public static List<String> readings(List<VoskResult> results) {
    List<String> readings = new ArrayList<>();
    readings.add(String.join(" ", results.stream().map(VoskResult::text).filter(t -> !t.isEmpty()).toList()));
    if (results.size() == 1) results.get(0).alternatives().stream().skip(1).map(Alternative::text).forEach(readings::add);
    return readings;
  }

  /** The text of a partial result ({@code getPartialResult}), trimmed. */
  public static String partial(String json) throws SttException {
    return text(read(json), "partial");
  }

  /**
   * {@code json} with every word time ({@code result}, each alternative's {@code result}) moved {@code seconds}
   * earlier (never below 0), written with six decimals as Vosk writes them; unchanged when there are none.
   */
  static String shiftTimes(String json, double seconds) throws SttException {
    JsonNode root = read(json);
    boolean shifted = shift(root.path("result"), seconds);
    for (JsonNode alternative : root.path("alternatives")) shifted |= shift(alternative.path("result"), seconds);
    try {
      return shifted ? JSON.writeValueAsString(root) : json;
    } catch (IOException e) {
      throw new SttException("could not write Vosk's result back: " + e.getMessage(), e);
    }
  }

  private static boolean shift(JsonNode words, double seconds) {
    boolean any = false;
    for (JsonNode w : words) {
      if (w instanceof ObjectNode word) {
        for (String field : List.of("start", "end")) {
          if (word.path(field).isNumber()) {
            word.put(field, Math.max(0, Math.round((word.get(field).asDouble() - seconds) * 1e6) / 1e6));
            any = true;
          }
        }
      }
    }
    return any;
  }

  private static List<Word> words(JsonNode result) {
    List<Word> words = new ArrayList<>();
    for (JsonNode w : result) {
      words.add(new Word(w.path("word").asText(), w.path("start").asDouble(), w.path("end").asDouble(),
          w.path("conf").asDouble(1.0)));
    }
    return words;
  }

  private static String text(JsonNode node, String field) {
    return node.path(field).asText("").trim();
  }

  private static JsonNode read(String json) throws SttException {
    try {
      JsonNode root = JSON.readTree(json);
      if (root == null || !root.isObject()) throw new SttException("Vosk returned a result that is not a JSON object: " + json);
      return root;
    } catch (IOException e) {
      throw new SttException("Vosk returned unreadable JSON: " + json, e);
    }
  }
}
