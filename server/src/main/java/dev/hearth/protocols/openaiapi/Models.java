package dev.hearth.protocols.openaiapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The models {@code /v1} names: Hearth's own (the Vosk model, {@value #SPEECH} for MaryTTS, {@value #BRAIN} for the
 * brain, and the local language model when one is loaded), listed by {@code GET /v1/models}, plus the OpenAI names
 * clients hard-code, which are accepted where they fit but not listed. Chat completions take any model name: the brain
 * answers whatever it is called.
 */
final class Models {
  static final String SPEECH = "marytts";
  static final String BRAIN = "hearth";
  static final String OWNER = "hearth";
  static final Set<String> TRANSCRIPTION_ALIASES = Set.of("whisper-1", "gpt-4o-transcribe", "gpt-4o-mini-transcribe");
  static final Set<String> SPEECH_ALIASES = Set.of("tts-1", "tts-1-hd", "gpt-4o-mini-tts");

  private final String sttModel;
  private final List<String> ids;
  private final long createdSeconds;

  /**
   * @param sttModel the Vosk model's name
   * @param llm the local language model's name, when one is loaded
   * @param createdSeconds the models' {@code created} time, in Unix seconds (the server's start)
   */
  Models(String sttModel, Optional<String> llm, long createdSeconds) {
    this.sttModel = sttModel;
    List<String> all = new ArrayList<>(List.of(sttModel, SPEECH, BRAIN));
    llm.filter(name -> !all.contains(name)).ifPresent(all::add);
    this.ids = List.copyOf(all);
    this.createdSeconds = createdSeconds;
  }

  /** {@code GET /v1/models}: {@code {"object": "list", "data": [model...]}}. */
  Map<String, Object> list() {
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("object", "list");
    list.put("data", ids.stream().map(this::model).toList());
    return list;
  }

  /** {@code GET /v1/models/{id}}: one model, or 404 {@code model_not_found}. */
  Map<String, Object> find(String id) {
    if (!ids.contains(id)) throw OpenAiError.modelNotFound(id).failure();
    return model(id);
  }

  /** Checks a transcription's model: an OpenAI transcription model's name or the Vosk model's. */
  void requireTranscription(String model) {
    if (!TRANSCRIPTION_ALIASES.contains(model) && !model.equals(sttModel)) throw OpenAiError.modelNotFound(model).failure();
  }

  /** Checks a speech request's model: an OpenAI speech model's name or {@value #SPEECH}. */
  void requireSpeech(String model) {
    if (!SPEECH_ALIASES.contains(model) && !model.equals(SPEECH)) throw OpenAiError.modelNotFound(model).failure();
  }

  private Map<String, Object> model(String id) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("object", "model");
    m.put("created", createdSeconds);
    m.put("owned_by", OWNER);
    return m;
  }
}
