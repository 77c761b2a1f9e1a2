package dev.hearth.protocols.wyoming;

import dev.hearth.stt.SttException;
import dev.hearth.stt.VoskRecognizer;

/** Opens a Vosk recognizer (16 kHz, 16-bit mono input) for one transcription; the caller closes it. */
@FunctionalInterface
public interface RecognizerSource {
  VoskRecognizer open() throws SttException;
}
