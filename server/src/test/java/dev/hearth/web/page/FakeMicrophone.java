package dev.hearth.web.page;

import com.microsoft.playwright.Page;
import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.Wav;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The WAV file Chromium plays as its microphone: a spoken question followed by silence, looped. Chromium
 * plays the file on its own clock from the first time a page opens the microphone, whether anyone listens
 * or not, so a test that wants to hold the button around the question first learns where in the loop the
 * question starts ({@link #learnPhase}).
 */
final class FakeMicrophone {
  static final double SILENCE_MILLIS = 3000;

  final Path file;
  final double speechMillis;
  final double periodMillis;
  private double onsetAt = Double.NaN; // page clock (performance.now()) of one question onset

  private FakeMicrophone(Path file, double speechMillis) {
    this.file = file;
    this.speechMillis = speechMillis;
    this.periodMillis = speechMillis + SILENCE_MILLIS;
  }

  /** Writes {@code question} followed by {@link #SILENCE_MILLIS} of silence to {@code file}. */
  static FakeMicrophone of(Path question, Path file) throws IOException {
    AudioChunk speech = Wav.read(question);
    int silenceBytes = (int) (speech.format().rateHz() * SILENCE_MILLIS / 1000) * speech.format().frameBytes();
    byte[] pcm = new byte[speech.pcm().length + silenceBytes];
    System.arraycopy(speech.pcm(), 0, pcm, 0, speech.pcm().length);
    Wav.write(new AudioChunk(speech.format(), pcm), file);
    return new FakeMicrophone(file, speech.millis());
  }

  /**
   * Listens to the microphone for one loop and a bit, in the page but outside the app, and notes where the
   * question starts on the page's clock.
   */
  @SuppressWarnings("unchecked")
  void learnPhase(Page page) {
    List<List<Number>> levels = (List<List<Number>>) page.evaluate("async (ms) => {"
        + " const ctx = new AudioContext(); await ctx.resume();"
        + " const stream = await navigator.mediaDevices.getUserMedia({audio: true});"
        + " const analyser = ctx.createAnalyser(); analyser.fftSize = 256;"
        + " ctx.createMediaStreamSource(stream).connect(analyser);"
        + " const buf = new Float32Array(256); const out = []; const end = performance.now() + ms;"
        + " while (performance.now() < end) {"
        + "   await new Promise((r) => setTimeout(r, 5)); analyser.getFloatTimeDomainData(buf);"
        + "   let peak = 0; for (const v of buf) peak = Math.max(peak, Math.abs(v));"
        + "   out.push([performance.now(), peak]); }"
        + " stream.getTracks().forEach((t) => t.stop()); await ctx.close(); return out; }", periodMillis + 1500);
    double quietSince = Double.NaN;
    for (List<Number> sample : levels) {
      double at = sample.get(0).doubleValue();
      boolean loud = sample.get(1).doubleValue() > 0.02;
      if (!loud) {
        if (Double.isNaN(quietSince)) quietSince = at;
      } else {
        if (!Double.isNaN(quietSince) && at - quietSince > 1000) {
          onsetAt = at - 12; // the analyser's window is ~6 ms at 44.1 kHz; the poll adds up to 5 ms
          return;
        }
        quietSince = Double.NaN;
      }
    }
    throw new AssertionError("the fake microphone's question was not heard; levels: " + levels.size() + " samples");
  }

  /** The page-clock time of the first question onset at least {@code leadMillis} from now. */
  double nextOnset(Page page, double leadMillis) {
    if (Double.isNaN(onsetAt)) throw new IllegalStateException("learnPhase first");
    double now = ((Number) page.evaluate("performance.now()")).doubleValue();
    double onset = onsetAt;
    while (onset < now + leadMillis) onset += periodMillis;
    return onset;
  }

  /** Waits until the page's clock reaches {@code at}. */
  static void waitUntil(Page page, double at) {
    page.waitForFunction("(t) => performance.now() >= t", at,
        new Page.WaitForFunctionOptions().setPollingInterval(5).setTimeout(30_000));
  }
}
