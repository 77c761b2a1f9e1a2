package dev.hearth.protocols.marytts;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@code /process} request, checked in MaryTTS's order with MaryTTS's messages. Hearth speaks plain text
 * ({@code INPUT_TYPE=TEXT}) into audio ({@code OUTPUT_TYPE=AUDIO}); an unknown {@code VOICE} or {@code LOCALE} falls back
 * to the default voice rather than failing, because clients send their own defaults ({@code cmu-slt-hsmm}, {@code en_US}).
 *
 * @param voice the installed voice to speak with
 * @param streaming {@code AUDIO=..._STREAM} on a type that can be streamed
 * @param effects whether {@code effect_*_selected=on} asked for audio effects, which Hearth does not apply
 */
record MaryRequest(String text, String voice, MaryAudio audio, boolean streaming, boolean effects) {
  /** Longest {@code INPUT_TEXT}, in characters: about ten minutes of speech. */
  static final int MAX_TEXT_CHARS = 10_000;
  /** {@code MaryUtils.string2locale}'s forms: {@code en}, {@code en_US}, {@code en-US}, {@code de_DE_x}. */
  private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,8}([_-][A-Za-z0-9]{1,8}){0,2}");

  static MaryRequest parse(Map<String, String> p, MaryVoices voices) throws MaryError {
    if (!(p.containsKey("INPUT_TYPE") && p.containsKey("OUTPUT_TYPE") && p.containsKey("LOCALE") && p.containsKey("INPUT_TEXT"))) {
      throw MaryError.missing("'INPUT_TEXT' and 'INPUT_TYPE' and 'OUTPUT_TYPE' and 'LOCALE'");
    }
    String text = p.get("INPUT_TEXT");
    if (!p.get("INPUT_TYPE").equals("TEXT")) {
      throw MaryError.wrongValue("INPUT_TYPE", p.get("INPUT_TYPE"), "Hearth speaks plain text only (INPUT_TYPE=TEXT)");
    }
    if (!p.get("OUTPUT_TYPE").equals("AUDIO")) {
      throw MaryError.wrongValue("OUTPUT_TYPE", p.get("OUTPUT_TYPE"), "Hearth answers with audio only (OUTPUT_TYPE=AUDIO)");
    }
    String audioName = p.get("AUDIO");
    if (audioName == null) throw MaryError.missing("'AUDIO' when OUTPUT_TYPE=AUDIO");
    String upper = audioName.toUpperCase(Locale.ROOT);
    if (upper.startsWith("MP3")) throw MaryError.wrongValue("AUDIO", audioName, "Conversion to MP3 not supported.");
    if (upper.startsWith("VORBIS")) throw MaryError.wrongValue("AUDIO", audioName, "Conversion to OGG Vorbis format not supported.");
    MaryAudio audio = MaryAudio.parse(audioName).orElseThrow(() -> MaryError.wrongValue("AUDIO", audioName,
        "use WAVE_FILE, AU_FILE or AIFF_FILE (see /audioformats)"));
    String localeName = p.get("LOCALE");
    if (!LOCALE.matcher(localeName).matches()) throw MaryError.wrongValue("LOCALE", localeName, null);
    if (text.length() > MAX_TEXT_CHARS) {
      throw MaryError.wrongValue("INPUT_TEXT", text.substring(0, 40) + "...", "it is longer than " + MAX_TEXT_CHARS + " characters");
    }
    Locale locale = Locale.forLanguageTag(localeName.replace('_', '-'));
    boolean effects = p.entrySet().stream().anyMatch(e -> e.getKey().startsWith("effect_") && e.getKey().endsWith("_selected")
        && e.getValue().equals("on"));
    return new MaryRequest(text, voices.choose(p.get("VOICE"), locale), audio, audioName.endsWith("_STREAM") && audio.streamable(),
        effects);
  }
}
