package dev.hearth.app;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.Wav;
import dev.hearth.config.HearthConfig;
import dev.hearth.speech.SpeechLoop;
import dev.hearth.speech.Voices;
import dev.hearth.tts.MaryTextToSpeech;
import dev.hearth.tts.TextToSpeech;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "say", mixinStandardHelpOptions = true, description = "Speak text into a WAV file.")
final class SayCommand implements Callable<Integer> {
  @Mixin
  ConfigOptions options;

  @Parameters(paramLabel = "TEXT")
  String text;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT.wav", required = true)
  Path output;

  @Option(names = "--voice", description = "Voice name (default: tts.voice).")
  String voice;

  @Override
  public Integer call() throws Exception {
    HearthConfig config = options.load();
    try (TextToSpeech tts = MaryTextToSpeech.start(config.tts().voice(), config.tts().sampleRateHz())) {
      String speaking = new Voices(tts).resolve(voice);
      ByteArrayOutputStream pcm = new ByteArrayOutputStream();
      SpeechLoop.speakNow(tts, SpeechLoop.sentences(text), speaking, chunk -> pcm.writeBytes(chunk.pcm()));
      AudioChunk audio = new AudioChunk(tts.outputFormat(), pcm.toByteArray());
      Wav.write(audio, output);
      System.err.printf("wrote %s: %.2f s at %d Hz with %s%n", output, audio.millis() / 1000, audio.format().rateHz(), speaking);
    }
    return 0;
  }
}
