package dev.hearth.tts;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import java.util.List;

/** Speech synthesis, one sentence at a time, streaming audio in one declared format. */
public interface TextToSpeech extends AutoCloseable {

  /** The format of every chunk passed to a sink (16-bit mono PCM at the configured rate). */
  AudioFormat outputFormat();

  List<Voice> voices();

  String defaultVoice();

  /** Engine name and version for health reports. */
  String engine();

  /**
   * Starts synthesizing {@code text} with {@code voice}. The audio is computed as it is read, so a caller can
   * pace the work and stop early by closing. Blocks while reading: call it on a TTS thread.
   */
  Synthesis synthesize(String text, String voice) throws TtsException;

  /** Audio of one text, produced chunk by chunk in {@link #outputFormat()}. */
  interface Synthesis extends AutoCloseable {
    /** The next chunk (never empty), or null when the text is fully spoken. */
    AudioChunk next() throws TtsException;

    /** Stops synthesis and frees its resources; safe to call more than once. */
    @Override
    void close();
  }

  @Override
  void close();

  /** An installed voice. */
  record Voice(String name, String locale, String gender, int sampleRateHz) {}
}
