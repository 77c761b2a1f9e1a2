package dev.hearth.protocols.marytts;

import dev.hearth.speech.Voices;
import dev.hearth.tts.TextToSpeech;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** The installed voices as MaryTTS names and lists them. */
final class MaryVoices {
  /** The MaryTTS version whose API this is. */
  static final String VERSION = "5.2";
  private final Voices voices;

  MaryVoices(Voices voices) {
    this.voices = voices;
  }

  /** The installed voice {@code name}, else a 400 naming the installed voices. */
  String require(String param, String name) throws MaryError {
    try {
      return voices.resolve(name);
    } catch (Voices.UnknownVoice e) {
      throw MaryError.wrongValue(param, name, e.getMessage());
    }
  }

  Set<String> names() {
    return new LinkedHashSet<>(voices.names());
  }

  /**
   * The voice to speak with: {@code requested} when installed; {@code male}/{@code female} by gender; else, as MaryTTS's
   * clients send their own defaults ({@code cmu-slt-hsmm}), the default voice rather than an error.
   */
  String choose(String requested, Locale locale) {
    try {
      return voices.resolve(requested);
    } catch (Voices.UnknownVoice unknown) {
      if ("male".equals(requested) || "female".equals(requested)) {
        for (TextToSpeech.Voice v : voices.all()) {
          if (v.gender().equals(requested) && marySpelling(v).equals(locale.toString())) return v.name();
        }
      }
      return voices.defaultVoice();
    }
  }

  /** {@code /voices}: {@code name locale gender type} per line, e.g. {@code cmu-slt-hsmm en_US female hmm}. */
  String voicesList() {
    StringBuilder out = new StringBuilder();
    for (TextToSpeech.Voice v : voices.all()) {
      out.append(v.name()).append(' ').append(marySpelling(v)).append(' ').append(v.gender()).append(' ')
          .append(type(v.name())).append('\n');
    }
    return out.toString();
  }

  /** {@code /locales}: one locale per line, as Java writes it ({@code en_US}). */
  String localesList() {
    Set<String> locales = new LinkedHashSet<>();
    for (TextToSpeech.Voice v : voices.all()) locales.add(marySpelling(v));
    return locales.isEmpty() ? "" : String.join("\n", locales) + "\n";
  }

  private static String marySpelling(TextToSpeech.Voice v) {
    return Locale.forLanguageTag(v.locale()).toString();
  }

  /** MaryTTS's voice type: {@code hmm}, {@code unitselection <domain>}, or {@code other}. */
  private static String type(String name) {
    try {
      marytts.modules.synthesis.Voice v = marytts.modules.synthesis.Voice.getVoice(name);
      if (v instanceof marytts.htsengine.HMMVoice) return "hmm";
      if (v instanceof marytts.unitselection.UnitSelectionVoice u) return "unitselection " + u.getDomain();
    } catch (RuntimeException | LinkageError e) {
      // not a MaryTTS voice (another engine behind TextToSpeech)
    }
    return "other";
  }
}
