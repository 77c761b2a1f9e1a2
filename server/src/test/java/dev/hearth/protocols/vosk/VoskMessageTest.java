package dev.hearth.protocols.vosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.audio.Wav;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The text frames vosk-server's clients send, and the WAV header a config-less client may start with. */
class VoskMessageTest {

  @Test
  void eachMessageRoundTrips() throws Exception {
    var config = new VoskMessage.Config(OptionalInt.of(8_000), Optional.of(false), OptionalInt.of(20),
        Optional.of(List.of("one two", "[unk]")), List.of());
    for (VoskMessage m : List.of(config, new VoskMessage.Eof(), new VoskMessage.Reset())) {
      assertThat(VoskMessage.fromJson(m.toJson())).isEqualTo(m);
    }
    assertThat(new VoskMessage.Eof().toJson()).isEqualTo("{\"eof\" : 1}"); // the spelling vosk-server compares
  }

  @Test
  void configsAsVoskServersSamplesSendThem() throws Exception {
    var words = (VoskMessage.Config) VoskMessage.fromJson("{\"config\" : {\"phrase_list\" : [\"zero one two three four five\","
        + " \"six seven eight nine oh\"], \"sample_rate\" : 8000.0, \"words\" : 0}}");
    assertThat(words.sampleRateHz()).hasValue(8_000);
    assertThat(words.words()).contains(false);
    assertThat(words.phraseList().orElseThrow()).hasSize(2);
    assertThat(words.maxAlternatives()).isEmpty();

    var model = (VoskMessage.Config) VoskMessage.fromJson("{\"config\" : {\"model\" : \"/etc\", \"sample_rate\" : \"16000\"}}");
    assertThat(model.ignoredKeys()).containsExactly("model");
    assertThat(model.sampleRateHz()).hasValue(16_000);
    assertThat(((VoskMessage.Config) VoskMessage.fromJson("{\"config\" : {\"phrase_list\" : null}}")).phraseList())
        .contains(List.of()); // the whole model again
  }

  @Test
  void refusedMessagesSayWhatToSend() {
    assertThatThrownBy(() -> VoskMessage.fromJson("{\"eof\" : true}")).isInstanceOfSatisfying(VoskProtocolException.class,
        e -> assertThat(e.closeCode()).isEqualTo(1003));
    assertThatThrownBy(() -> VoskMessage.fromJson("{\"config\" : {\"sample_rate\" : 16000.5}}"))
        .isInstanceOfSatisfying(VoskProtocolException.class, e -> assertThat(e.closeCode()).isEqualTo(1007));
  }

  @Test
  void closeReasonsFitACloseFrame() {
    String reason = new VoskProtocolException(1007, "é".repeat(100)).reason();
    assertThat(reason.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
    assertThat(reason).startsWith("éé");
  }

  @Test
  void aWavHeaderGivesTheFormatAndWhereTheSamplesStart() throws Exception {
    byte[] file = Wav.toBytes(new AudioChunk(AudioFormat.pcm16(22_050, 2), new byte[8_000]));
    WavHeader header = WavHeader.detect(file).orElseThrow();
    assertThat(header.format()).isEqualTo(AudioFormat.pcm16(22_050, 2));
    assertThat(header.length()).isEqualTo(44);
    assertThat(WavHeader.detect(Arrays.copyOf(file, 44))).contains(header); // a header sent alone
    assertThat(WavHeader.detect(new byte[6_400])).isEmpty(); // plain PCM
    assertThat(WavHeader.detect(new byte[3])).isEmpty();
  }

  @Test
  void aWavHeaderThatCannotBeUsedIsRefused() {
    byte[] file = Wav.toBytes(new AudioChunk(AudioFormat.pcm16(16_000, 1), new byte[320]));
    assertThatThrownBy(() -> WavHeader.detect(Arrays.copyOf(file, 30))).hasMessageContaining("one frame");
    byte[] fast = file.clone();
    ByteBuffer.wrap(fast).order(ByteOrder.LITTLE_ENDIAN).putInt(24, 192_000);
    assertThatThrownBy(() -> WavHeader.detect(fast)).hasMessageContaining("192000 Hz");
  }
}
