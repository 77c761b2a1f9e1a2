package dev.hearth.bench;

import java.util.List;
import java.util.Map;

/**
 * What one client saw during one push-to-talk turn. Client-side times are milliseconds from "release" (the
 * moment {@code stop} was sent) and {@code null} when that step did not happen.
 *
 * @param turn the run's turn number, counting from 0 in the order turns started (warmup turns included)
 * @param reference the file's reference transcript, or {@code null} when it has none
 * @param audioMs duration of the audio sent
 * @param firstTokenMs release to the first streamed piece of the answer ({@code reply} with a {@code delta}): a
 *     model's first token; {@code null} for an answer sent whole, as a skill's is
 * @param firstPhraseMs release to the streamed piece that completed the answer's first phrase, the piece the server
 *     speaks first ({@code SentenceSplitter.firstPhrase}): first audio less this is the server's time to speak it;
 *     {@code null} for an answer sent whole
 * @param audioBytesReceived bytes of speech (binary frames) that came back
 * @param underruns times the answer's audio ran dry before its next frame came, played as the page plays it
 *     ({@link PlaybackClock})
 * @param underrunMs the silence those gaps made, in milliseconds
 * @param transcript the final transcript, or {@code null} if none arrived
 * @param errors the {@code code} of every {@code error} message received during the turn
 * @param failure what went wrong on the client side ({@code "timeout"}, a closed socket), or {@code null}
 * @param serverTimings {@code turn_done.timings} as sent (server-side milliseconds; null when not sent)
 */
public record TurnResult(
    int turn,
    int client,
    boolean warmup,
    String file,
    String reference,
    double audioMs,
    Double finalTranscriptMs,
    Double firstReplyMs,
    Double firstTokenMs,
    Double firstPhraseMs,
    Double firstAudioMs,
    Double turnDoneMs,
    long audioBytesReceived,
    int underruns,
    double underrunMs,
    String transcript,
    List<String> errors,
    String failure,
    String conversationId,
    Map<String, Double> serverTimings) {

  /** True when the turn had an error message, timed out or lost its socket. */
  public boolean failed() {
    return failure != null || !errors.isEmpty();
  }

  /** A server timing in milliseconds, or {@code null} when absent. */
  public Double serverTiming(String key) {
    return serverTimings == null ? null : serverTimings.get(key);
  }
}
