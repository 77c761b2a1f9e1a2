package dev.hearth.speech;

import dev.hearth.tts.TextToSpeech;
import java.util.List;

/**
 * Voice resolution for every front end, in one place: a requested name is an installed voice, no name is the default
 * voice ({@code tts.voice}), and any other name is an {@link UnknownVoice} naming the installed voices. Each front end
 * turns that error into its protocol's own form (the page's {@code unknown_voice}, Wyoming's {@code unknown_voice},
 * {@code /v1}'s 400, MaryTTS's 400 or its documented fall-back to the default voice, {@code hearth say}'s exit status).
 */
public final class Voices {
  private final List<TextToSpeech.Voice> installed;
  private final String defaultVoice;

  public Voices(TextToSpeech tts) {
    this(tts.voices(), tts.defaultVoice());
  }

  public Voices(List<TextToSpeech.Voice> installed, String defaultVoice) {
    this.installed = List.copyOf(installed);
    this.defaultVoice = defaultVoice;
  }

  /** A name that is not an installed voice. Its message names the installed voices. */
  public static final class UnknownVoice extends Exception {
    private final String requested;

    UnknownVoice(String requested, List<String> installed) {
      super("There is no voice '" + requested + "'; installed voices: " + installed);
      this.requested = requested;
    }

    public String requested() {
      return requested;
    }
  }

  /** The voice to speak with: {@code requested} when it is installed, the default voice when it is null. */
  public String resolve(String requested) throws UnknownVoice {
    if (requested == null) return defaultVoice;
    if (installed(requested)) return requested;
    throw new UnknownVoice(requested, names());
  }

  public boolean installed(String name) {
    return installed.stream().anyMatch(v -> v.name().equals(name));
  }

  /** The installed voices, in the engine's order. */
  public List<TextToSpeech.Voice> all() {
    return installed;
  }

  public List<String> names() {
    return installed.stream().map(TextToSpeech.Voice::name).toList();
  }

  public String defaultVoice() {
    return defaultVoice;
  }
}
