package dev.hearth.app;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.Wav;
import dev.hearth.config.HearthConfig;
import dev.hearth.speech.InputFormats;
import dev.hearth.speech.UnsupportedAudio;
import dev.hearth.speech.RecognizerAudio;
import dev.hearth.stt.SpeechToText;
import dev.hearth.stt.VoskSpeechToText;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "transcribe", mixinStandardHelpOptions = true,
    description = "Print the transcript of a 16-bit PCM WAV file (any rate from 8 to 48 kHz, mono or stereo).")
final class TranscribeCommand implements Callable<Integer> {
  @Mixin
  ConfigOptions options;

  @Parameters(paramLabel = "FILE.wav")
  Path file;

  @Option(names = "--partials", description = "Also print partial transcripts as they change.")
  boolean partials;

  @Override
  public Integer call() throws Exception {
    HearthConfig config = options.load();
    config.stt().validateModel();
    AudioChunk audio = Wav.read(file);
    try {
      InputFormats.check(audio.format());
    } catch (UnsupportedAudio e) {
      System.err.println(file + ": " + e.getMessage());
      return 2;
    }
    try (SpeechToText stt = VoskSpeechToText.load(config.stt().modelDir());
         SpeechToText.Session session = stt.open()) {
      RecognizerAudio heard = new RecognizerAudio();
      int step = audio.format().bytesPerSecond() / 10; // 100 ms
      long start = System.nanoTime();
      for (int off = 0; off < audio.pcm().length; off += step) {
        AudioChunk chunk = heard.hear(audio.format(), audio.pcm(), off, Math.min(step, audio.pcm().length - off));
        var partial = session.accept(chunk.pcm());
        if (partials) partial.ifPresent(p -> System.err.println("… " + p));
      }
      session.accept(heard.end().pcm());
      String text = session.finish();
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.println(text);
      System.err.printf("%.2f s of audio in %.2f s (real-time factor %.3f)%n", audio.millis() / 1000, seconds,
          seconds * 1000 / audio.millis());
    }
    return 0;
  }
}
