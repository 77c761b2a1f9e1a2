package dev.hearth.protocols.wyoming;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.tts.TextToSpeech;
import java.util.List;

/**
 * The {@code info} event that answers {@code describe}: an {@code asr} program (the Vosk model and its language)
 * and/or a {@code tts} program (the MaryTTS voices), each {@code installed}, and empty lists for every other service.
 * Never a {@code satellite}: Home Assistant loads no speech services from an entry that has one.
 */
public final class WyomingInfo {
  /** The name Home Assistant shows for the entry and uses for its entities ({@code stt.hearth}, {@code tts.hearth}). */
  static final String PROGRAM = "hearth";

  /**
   * What the info describes.
   *
   * @param version Hearth's version
   * @param sttModel the Vosk model's name, e.g. {@code vosk-model-small-en-us-0.15}
   * @param sttLanguage the model's language as an ISO 639-1 code, e.g. {@code en}
   * @param voices the installed voices
   */
  public record Programs(String version, String sttModel, String sttLanguage, List<TextToSpeech.Voice> voices) {
    public Programs {
      voices = List.copyOf(voices);
    }
  }

  private WyomingInfo() {}

  /** The {@code info} event listing speech to text when {@code asr}, text to speech when {@code tts}. */
  public static WyomingEvent event(Programs programs, boolean asr, boolean tts) {
    ObjectNode data = WyomingEvent.newData();
    ArrayNode asrList = data.putArray("asr");
    if (asr) asrList.add(asr(programs));
    ArrayNode ttsList = data.putArray("tts");
    if (tts) ttsList.add(tts(programs));
    for (String none : List.of("handle", "intent", "wake", "mic", "snd")) data.putArray(none);
    return WyomingEvent.of("info", data);
  }

  /**
   * A MaryTTS locale as Wyoming voices (Piper's) write languages: {@code en-US} becomes {@code en_US}. Home Assistant
   * treats {@code -} and {@code _} alike when it matches a pipeline's language.
   */
  static String voiceLanguage(String locale) {
    String[] parts = locale.split("[-_]");
    if (parts.length == 1) return parts[0].toLowerCase(java.util.Locale.ROOT);
    return parts[0].toLowerCase(java.util.Locale.ROOT) + "_" + parts[1].toUpperCase(java.util.Locale.ROOT);
  }

  private static ObjectNode asr(Programs p) {
    ObjectNode program = artifact(PROGRAM, "Alpha Cephei (Vosk)", "https://alphacephei.com/vosk/",
        "Hearth speech to text (Vosk)", p.version());
    ObjectNode model = artifact(p.sttModel(), "Alpha Cephei", "https://alphacephei.com/vosk/models",
        p.sttModel() + " (" + p.sttLanguage() + ")", null);
    model.putArray("languages").add(p.sttLanguage());
    program.putArray("models").add(model);
    program.put("supports_transcript_streaming", true);
    return program;
  }

  private static ObjectNode tts(Programs p) {
    ObjectNode program = artifact(PROGRAM, "DFKI (MaryTTS)", "http://mary.dfki.de/", "Hearth text to speech (MaryTTS)",
        p.version());
    ArrayNode voices = program.putArray("voices");
    for (TextToSpeech.Voice v : p.voices()) {
      String language = voiceLanguage(v.locale());
      ObjectNode voice = artifact(v.name(), "DFKI (MaryTTS)", "http://mary.dfki.de/",
          v.name() + " (" + language + ", " + v.gender() + ")", null);
      voice.putArray("languages").add(language);
      voice.putNull("speakers");
      voices.add(voice);
    }
    program.put("supports_synthesize_streaming", true);
    return program;
  }

  private static ObjectNode artifact(String name, String by, String url, String description, String version) {
    ObjectNode a = WyomingEvent.newData();
    a.put("name", name);
    ObjectNode attribution = a.putObject("attribution");
    attribution.put("name", by);
    attribution.put("url", url);
    a.put("installed", true);
    a.put("description", description);
    a.put("version", version);
    return a;
  }
}
