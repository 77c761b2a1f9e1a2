package dev.hearth.stt;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * Vosk behind {@link SpeechToText}. The {@link Model} is loaded once and may be shared across threads;
 * each session owns one {@link Recognizer}, which may not be used by two threads at once and has no
 * finalizer: it is freed exactly once, by {@link Session#close()}.
 */
public final class VoskSpeechToText implements SpeechToText {
  private static final Logger log = LoggerFactory.getLogger(VoskSpeechToText.class);
  private static final ObjectMapper json = new ObjectMapper();
  /** Partial results cost a lattice search: look at most once per this much audio (100 ms at 16 kHz). */
  private static final int PARTIAL_EVERY_BYTES = 3_200;

  private final Model model;
  private final String name;
  private boolean closed;

  private VoskSpeechToText(Model model, String name) {
    this.model = model;
    this.name = name;
  }

  /** Loads the model; throws with a message saying what to do when the folder is not a usable model. */
  public static VoskSpeechToText load(Path modelDir) throws SttException {
    LibVosk.setLogLevel(LogLevel.WARNINGS);
    long start = System.nanoTime();
    try {
      Model model = new Model(modelDir.toString());
      VoskSpeechToText stt = new VoskSpeechToText(model, modelDir.getFileName().toString());
      log.info("Loaded Vosk model {} in {} ms", modelDir, (System.nanoTime() - start) / 1_000_000);
      return stt;
    } catch (IOException e) {
      throw new SttException("Vosk could not load the model in " + modelDir + " (corrupt or not a Vosk model)."
          + " Rebuild the default with `mvn -q -DskipTests package`, or point stt.model_dir at an unpacked model"
          + " from https://alphacephei.com/vosk/models", e);
    }
  }

  @Override
  public String modelName() {
    return name;
  }

  @Override
  public Session open() throws SttException {
    synchronized (this) {
      if (closed) throw new SttException("the speech model is closed");
    }
    try {
      Recognizer recognizer = new Recognizer(model, 16_000f);
      recognizer.setMaxAlternatives(0);
      recognizer.setWords(false);
      return new VoskSession(recognizer);
    } catch (IOException e) {
      throw new SttException("could not create a Vosk recognizer", e);
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      model.close();
    }
  }

  private static final class VoskSession implements Session {
    private Recognizer recognizer;
    /** Text of segments Vosk already closed at pauses; the final transcript is these plus the rest. */
    private final StringBuilder done = new StringBuilder();
    private String lastPartial = "";
    private int bytesSincePartial;

    VoskSession(Recognizer recognizer) {
      this.recognizer = recognizer;
    }

    @Override
    public Optional<String> accept(byte[] pcm) throws SttException {
      Recognizer r = live();
      if (r.acceptWaveForm(pcm, pcm.length)) {
        append(field(r.getResult(), "text"));
        bytesSincePartial = PARTIAL_EVERY_BYTES; // a segment just closed: report it now
      } else {
        bytesSincePartial += pcm.length;
      }
      if (bytesSincePartial < PARTIAL_EVERY_BYTES) return Optional.empty();
      bytesSincePartial = 0;
      String partial = join(done.toString(), field(r.getPartialResult(), "partial"));
      if (partial.equals(lastPartial)) return Optional.empty();
      lastPartial = partial;
      return Optional.of(partial);
    }

    @Override
    public String finish() throws SttException {
      append(field(live().getFinalResult(), "text"));
      return done.toString();
    }

    @Override
    public void close() {
      if (recognizer != null) {
        recognizer.close();
        recognizer = null;
      }
    }

    private Recognizer live() throws SttException {
      if (recognizer == null) throw new SttException("recognition session already closed");
      return recognizer;
    }

    private void append(String text) {
      if (!text.isEmpty()) {
        if (done.length() > 0) done.append(' ');
        done.append(text);
      }
    }

    private static String join(String a, String b) {
      return a.isEmpty() ? b : b.isEmpty() ? a : a + " " + b;
    }

    private static String field(String resultJson, String name) throws SttException {
      try {
        return json.readTree(resultJson).path(name).asText("").trim();
      } catch (IOException e) {
        throw new SttException("Vosk returned unreadable JSON: " + resultJson, e);
      }
    }
  }
}
