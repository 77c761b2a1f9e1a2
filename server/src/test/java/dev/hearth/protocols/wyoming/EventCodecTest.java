package dev.hearth.protocols.wyoming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventCodecTest {
  private static final int MAX = 1 << 20;

  private static byte[] written(WyomingEvent event) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EventCodec.write(out, event);
    return out.toByteArray();
  }

  private static WyomingEvent read(String bytes) throws Exception {
    return EventCodec.read(new ByteArrayInputStream(bytes.getBytes(StandardCharsets.UTF_8)), MAX);
  }

  private static String headerLine(byte[] bytes) {
    String all = new String(bytes, StandardCharsets.ISO_8859_1);
    return all.substring(0, all.indexOf('\n'));
  }

  @Test
  void dataGoesInTheDataBlockNeverInlineAndReadsBack() throws Exception {
    ObjectNode data = WyomingEvent.newData().put("rate", 24_000).put("width", 2).put("channels", 1);
    byte[] pcm = {1, 2, 3, 4};
    byte[] bytes = written(new WyomingEvent("audio-chunk", data, pcm));

    assertThat(headerLine(bytes)).isEqualTo("{\"type\":\"audio-chunk\",\"version\":\"" + EventCodec.PROTOCOL_VERSION
        + "\",\"data_length\":37,\"payload_length\":4}");
    WyomingEvent back = EventCodec.read(new ByteArrayInputStream(bytes), MAX);
    assertThat(back.type()).isEqualTo("audio-chunk");
    assertThat(back.data()).isEqualTo(data);
    assertThat(back.payload()).containsExactly(1, 2, 3, 4);
  }

  @Test
  void anEventWithoutDataOrPayloadIsOneLine() throws Exception {
    assertThat(new String(written(WyomingEvent.of("describe")), StandardCharsets.UTF_8))
        .isEqualTo("{\"type\":\"describe\",\"version\":\"" + EventCodec.PROTOCOL_VERSION + "\"}\n");
  }

  @Test
  void dataLengthCountsUtf8BytesAndTextIsNotEscaped() throws Exception {
    byte[] bytes = written(WyomingEvent.of("transcript", WyomingEvent.newData().put("text", "héllo ☃")));
    String block = "{\"text\":\"héllo ☃\"}";
    assertThat(headerLine(bytes)).contains("\"data_length\":" + block.getBytes(StandardCharsets.UTF_8).length);
    assertThat(new String(bytes, StandardCharsets.UTF_8)).endsWith("\n" + block);
  }

  @Test
  void theDataBlockIsMergedOverInlineDataAndNullsAreKept() throws Exception {
    String block = "{\"text\":\"block\",\"timestamp\":null}";
    WyomingEvent e = read("{\"type\":\"ping\",\"data\":{\"text\":\"inline\",\"other\":1},\"data_length\":" + block.length()
        + "}\n" + block);
    assertThat(e.data().toString()).isEqualTo("{\"text\":\"block\",\"other\":1,\"timestamp\":null}");
  }

  @Test
  void aCleanEndBetweenEventsIsNullAndAnEndInsideOneIsAnError() throws Exception {
    assertThat(read("")).isNull();
    assertThatThrownBy(() -> read("{\"type\":\"describe\"")).isInstanceOf(WyomingException.class)
        .hasMessageContaining("inside a header line");
    assertThatThrownBy(() -> read("{\"type\":\"audio-chunk\",\"payload_length\":10}\n12345"))
        .isInstanceOf(WyomingException.class).hasMessageContaining("5 of 10 bytes");
  }

  @Test
  void aTooLargeLengthIsRefusedWithoutReadingFurther() {
    InputStream header = new ByteArrayInputStream(
        "{\"type\":\"audio-chunk\",\"payload_length\":104857600}\n".getBytes(StandardCharsets.UTF_8));
    InputStream trap = new InputStream() {
      @Override
      public int read() {
        throw new AssertionError("read past a header whose length is too large");
      }
    };
    assertThatThrownBy(() -> EventCodec.read(new SequenceInputStream(header, trap), MAX))
        .isInstanceOfSatisfying(WyomingException.class, e -> assertThat(e.code()).isEqualTo("event_too_large"));
  }

  @Test
  void headerLinesUpTo64KiBAreRead() throws Exception {
    String prefix = "{\"type\":\"ping\",\"data\":{\"text\":\"";
    String suffix = "\"}}";
    int fill = EventCodec.MAX_HEADER_BYTES - 1 - prefix.length() - suffix.length(); // the newline makes it 64 KiB
    assertThat(read(prefix + "a".repeat(fill) + suffix + "\n").text("text")).hasSize(fill);
    assertThatThrownBy(() -> read(prefix + "a".repeat(fill + 1) + suffix + "\n"))
        .isInstanceOfSatisfying(WyomingException.class, e -> assertThat(e.code()).isEqualTo("header_too_long"));
  }

  @Test
  void badHeadersSayWhatIsWrong() {
    assertThatThrownBy(() -> read("[1,2]\n")).hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> read("{\"type\":7}\n")).hasMessageContaining("\"type\" string");
    assertThatThrownBy(() -> read("{\"type\":\"ping\",\"data\":\"text\"}\n")).hasMessageContaining("\"data\" must be an object");
    assertThatThrownBy(() -> read("{\"type\":\"ping\",\"data_length\":\"5\"}\n")).hasMessageContaining("whole number");
    assertThatThrownBy(() -> read("{\"type\":\"ping\",\"data_length\":2.5}\n")).hasMessageContaining("whole number");
    assertThatThrownBy(() -> read("{\"type\":\"ping\",\"data_length\":1e40}\n")).hasMessageContaining("whole number");
    assertThatThrownBy(() -> read("{\"type\":\"ping\",\"data_length\":100000000000000000000000}\n"))
        .hasMessageContaining("wyoming.max_event_bytes");
    assertThatThrownBy(() -> read("{\"type\":\"ping\",\"data_length\":2}\n[]")).hasMessageContaining("must be a JSON object");
  }
}
