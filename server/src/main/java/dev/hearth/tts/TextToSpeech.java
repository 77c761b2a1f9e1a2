package dev.hearth.tts;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Speech synthesis, one sentence at a time, streaming audio in one declared format. */
public interface TextToSpeech extends AutoCloseable {

  /** The format of every chunk passed to a sink (16-bit mono PCM at the configured rate). */
  AudioFormat outputFormat();

  List<Voice> voices();

  String defaultVoice();

  /** Engine name and version for health reports. */
  String engine();

  /**
   * Synthesizes {@code text} with {@code voice}, passing audio to {@code sink} as it is produced; returns early,
   * without error, once {@code cancelled} answers true. Blocks: call it on a TTS thread.
   */
  void speak(String text, String voice, Consumer<AudioChunk> sink, BooleanSupplier cancelled) throws TtsException;

  @Override
  void close();

  /** An installed voice. */
  record Voice(String name, String locale, String gender, int sampleRateHz) {}
}
