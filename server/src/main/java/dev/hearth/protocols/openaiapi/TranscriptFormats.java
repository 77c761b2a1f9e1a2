package dev.hearth.protocols.openaiapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * A {@link Transcript} in the {@code response_format}s of {@code /v1/audio/transcriptions}: {@code json},
 * {@code verbose_json}, {@code text}, {@code srt} and {@code vtt}. Whisper's per-segment fields that Vosk has no
 * counterpart for are constants: {@code seek} 0, {@code tokens} [], {@code temperature} 0 (decoding is deterministic)
 * and {@code no_speech_prob} 0 (a segment exists only where Vosk heard words).
 */
final class TranscriptFormats {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TranscriptFormats() {}

  /** {@code {"type": "duration", "seconds": N}}: the audio's length, rounded up to whole seconds as OpenAI bills it. */
  static ObjectNode usage(Transcript t) {
    return JSON.createObjectNode().put("type", "duration").put("seconds", (long) Math.ceil(t.durationSeconds()));
  }

  /** {@code json}: {@code {"text", "usage"}}. */
  static String json(Transcript t) {
    ObjectNode root = JSON.createObjectNode();
    root.put("text", t.text());
    root.set("usage", usage(t));
    return root.toString();
  }

  /**
   * {@code verbose_json}: task, language (its English name, e.g. {@code english}), duration in seconds, text,
   * segments, and {@code words} when {@code words} is asked for ({@code timestamp_granularities[]=word}).
   */
  static String verboseJson(Transcript t, String language, boolean withWords) {
    ObjectNode root = JSON.createObjectNode();
    root.put("task", "transcribe");
    root.put("language", language);
    root.put("duration", t.durationSeconds());
    root.put("text", t.text());
    ArrayNode segments = root.putArray("segments");
    for (Transcript.Segment s : t.segments()) {
      ObjectNode o = segments.addObject();
      o.put("id", s.id());
      o.put("seek", 0);
      o.put("start", s.start());
      o.put("end", s.end());
      o.put("text", " " + s.text()); // Whisper's segments begin with the space that separates them
      o.putArray("tokens");
      o.put("temperature", 0.0);
      o.put("avg_logprob", s.avgLogprob());
      o.put("compression_ratio", s.compressionRatio());
      o.put("no_speech_prob", 0.0);
    }
    if (withWords) {
      ArrayNode words = root.putArray("words");
      for (Transcript.Segment s : t.segments()) {
        for (Transcript.Word w : s.words()) words.addObject().put("word", w.word()).put("start", w.start()).put("end", w.end());
      }
    }
    root.set("usage", usage(t));
    return root.toString();
  }

  /** {@code text}: the text and a newline. */
  static String text(Transcript t) {
    return t.text() + "\n";
  }

  /** {@code srt}: numbered cues from 1, {@code HH:MM:SS,mmm --> HH:MM:SS,mmm}, a blank line after each. */
  static String srt(Transcript t) {
    StringBuilder out = new StringBuilder();
    int n = 1;
    for (Transcript.Segment s : t.segments()) {
      out.append(n++).append('\n').append(time(s.start(), ',')).append(" --> ").append(time(s.end(), ','))
          .append('\n').append(s.text()).append("\n\n");
    }
    return out.toString();
  }

  /** {@code vtt}: {@code WEBVTT}, then cues {@code HH:MM:SS.mmm --> HH:MM:SS.mmm}, a blank line after each. */
  static String vtt(Transcript t) {
    StringBuilder out = new StringBuilder("WEBVTT\n\n");
    for (Transcript.Segment s : t.segments()) {
      out.append(time(s.start(), '.')).append(" --> ").append(time(s.end(), '.')).append('\n').append(s.text()).append("\n\n");
    }
    return out.toString();
  }

  /** Seconds as {@code HH:MM:SS<sep>mmm}. */
  static String time(double seconds, char separator) {
    long millis = Math.round(seconds * 1000);
    return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60,
        separator, millis % 1000);
  }
}
