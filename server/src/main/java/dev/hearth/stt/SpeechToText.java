package dev.hearth.stt;

import java.util.Optional;

/** Streaming speech recognition of 16 kHz, 16-bit mono PCM. The model is shared; sessions are not. */
public interface SpeechToText extends AutoCloseable {

  /** A name for health and logs, e.g. the model folder's name. */
  String modelName();

  /** Opens a session for one utterance. The caller must close it; it is confined to one thread at a time. */
  Session open() throws SttException;

  /** Prepares for the first turns by recognizing {@code pcm16k} on up to {@code sessions} sessions. */
  default void warmUp(byte[] pcm16k, int sessions) throws SttException {}

  @Override
  void close();

  /** One utterance being recognized. */
  interface Session extends AutoCloseable {

    /** Feeds audio; returns the partial transcript when it changed since the last one returned. */
    Optional<String> accept(byte[] pcm16k) throws SttException;

    /** Ends the utterance and returns its whole transcript (lowercase words, possibly empty). */
    String finish() throws SttException;

    /**
     * Whether the transcript {@link #finish()} returned is a guess, to be asked back before it is acted on (see
     * {@code CommandListening}); false for plain recognition.
     */
    default boolean guessed() {
      return false;
    }

    /** Frees the session's native memory; safe to call more than once. */
    @Override
    void close();
  }
}
