package dev.hearth.speech;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.Wav;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Speech in voices that are not Hearth's own, made at test time by Debian's flite and espeak-ng, as
 * scripts/make-command-audio makes the command corpus: 16 kHz mono with a third of a second of silence on either side.
 */
final class OtherVoices {
  private OtherVoices() {}

  /** {@code text} spoken by flite's {@code voice} (awb, rms, kal16). */
  static AudioChunk flite(String voice, String text, Path dir) throws IOException, InterruptedException {
    Path raw = Files.createTempFile(dir, "flite", ".wav");
    Path out = Files.createTempFile(dir, "speech", ".wav");
    run(List.of("flite", "-voice", voice, "-t", text, "-o", raw.toString()));
    return padded(raw, dir);
  }

  /** {@code text} spoken by espeak-ng's {@code voice} (en-us+m3, en-gb+f3). */
  static AudioChunk espeak(String voice, String text, Path dir) throws IOException, InterruptedException {
    Path raw = Files.createTempFile(dir, "espeak", ".wav");
    run(List.of("espeak-ng", "-v", voice, "-w", raw.toString(), text));
    return padded(raw, dir);
  }

  private static AudioChunk padded(Path raw, Path dir) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "speech", ".wav");
    run(List.of("sox", raw.toString(), "-r", "16000", "-c", "1", "-b", "16", out.toString(), "pad", "0.33", "0.33"));
    return Wav.read(out);
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(command.get(0) + " failed (apt-get install flite espeak-ng sox): " + output);
    }
  }
}
