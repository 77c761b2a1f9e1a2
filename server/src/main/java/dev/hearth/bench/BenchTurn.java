package dev.hearth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.tts.SentenceSplitter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one bench turn has seen so far, read from the server's messages (docs/protocol.md, "Push-to-talk"); nanos
 * fields are 0 until the step happens. Belongs to the client's thread.
 */
final class BenchTurn {
  /** Error codes that end the turn without a {@code turn_done} (protocol.md, "Error codes"). */
  final BenchClient.Abandon abandon;
  boolean abandoned;
  boolean ready;
  boolean over;
  long releaseNanos;
  long finalNanos;
  long firstReplyNanos;
  /** When the first streamed piece of the answer ({@code reply} with a {@code delta}) came: a model's first token. */
  long firstTokenNanos;
  /** When the streamed answer's first phrase was complete, as the server cuts it. */
  long firstPhraseNanos;
  private final SentenceSplitter phrase = SentenceSplitter.firstPhrase();
  long firstAudioNanos;
  long doneNanos;
  long audioBytes;
  /** Plays the answer as the page does, counting its gaps. */
  final PlaybackClock playback = new PlaybackClock();
  String transcript;
  String conversationId;
  String failure;
  Map<String, Double> serverTimings;
  final List<String> errors = new ArrayList<>();

  BenchTurn(BenchClient.Abandon abandon) {
    this.abandon = abandon;
  }

  /** Takes in a message that arrived at {@code nanos}. */
  void message(long nanos, JsonNode msg) {
    switch (msg.path("type").asText()) {
      case "ready" -> ready = true;
      case "transcript" -> {
        if (msg.path("final").asBoolean(false)) {
          finalNanos = nanos;
          transcript = msg.path("text").asText("");
        }
      }
      case "reply" -> {
        if (firstReplyNanos == 0) firstReplyNanos = nanos;
        if (firstTokenNanos == 0 && msg.has("delta")) firstTokenNanos = nanos;
        if (firstPhraseNanos == 0 && msg.has("delta") && !phrase.add(msg.path("delta").asText("")).isEmpty()) {
          firstPhraseNanos = nanos;
        }
      }
      case "audio_start" -> playback.begin(msg.path("sample_rate").asInt(24_000) * 2 * msg.path("channels").asInt(1));
      case "turn_done" -> {
        if (!ready) return; // the end of a turn this one barged in on
        doneNanos = nanos;
        conversationId = msg.path("conversation_id").asText(null);
        serverTimings = numbers(msg.path("timings"));
        over = true;
      }
      case "error" -> {
        String code = msg.path("code").asText("unknown");
        errors.add(code);
        // before ready, an error means no turn started; after it, the server says whether the turn is over
        if (!ready || msg.path("ends_turn").asBoolean(false)) over = true;
      }
      default -> { } // audio_end, announcement: nothing to measure
    }
  }

  private static Map<String, Double> numbers(JsonNode object) {
    Map<String, Double> out = new LinkedHashMap<>();
    object.properties().forEach(f -> out.put(f.getKey(), f.getValue().isNumber() ? f.getValue().asDouble() : null));
    return out;
  }

  TurnResult toResult(int turn, int client, boolean warmup, Utterance u, double audioMs) {
    return new TurnResult(turn, client, warmup, u.file(), u.reference(), audioMs, sinceRelease(finalNanos),
        sinceRelease(firstReplyNanos), sinceRelease(firstTokenNanos), sinceRelease(firstPhraseNanos),
        sinceRelease(firstAudioNanos),
        sinceRelease(doneNanos), audioBytes, playback.underruns(), playback.gapMillis(), transcript,
        List.copyOf(errors), failure, conversationId, serverTimings);
  }

  /** Milliseconds from release to {@code nanos}, or null if the step (or the release) did not happen. */
  private Double sinceRelease(long nanos) {
    if (nanos == 0 || releaseNanos == 0) return null;
    return Math.round((nanos - releaseNanos) / 1_000.0) / 1_000.0; // microsecond resolution
  }
}
