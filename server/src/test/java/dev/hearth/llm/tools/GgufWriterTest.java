package dev.hearth.llm.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.llm.checkpoint.Half;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GGUF container and the ggml encodings, byte by byte. */
class GgufWriterTest {
  @TempDir
  Path tmp;

  @Test
  void tensorsStartAtMultiplesOf32AndEveryValueTypeReadsBack() throws IOException {
    Path file = tmp.resolve("small.gguf");
    GgufMetadata m = new GgufMetadata().putString("a.string", "héllo").putUint32("a.u32", 0xFFFF_FFFFL)
        .putFloat32("a.f32", 0.25).putBool("a.bool", true).putStrings("a.strings", List.of("x", ""))
        .putInt32s("a.ints", new int[] {-1, 7}).putFloat32s("a.floats", new float[] {1.5f});
    List<GgufWriter.Tensor> tensors = List.of(new GgufWriter.Tensor("three", GgmlType.F32, 3),
        new GgufWriter.Tensor("matrix", GgmlType.F16, 2, 3));
    try (GgufWriter w = GgufWriter.create(file, m, tensors)) {
      // one buffer across both tensors: the writer pads between them
      ByteBuffer all = ByteBuffer.allocate(12 + 12).order(ByteOrder.LITTLE_ENDIAN).putFloat(1).putFloat(2).putFloat(3);
      for (int i = 0; i < 6; i++) all.putShort(Half.fromFloat(i));
      w.write(all.flip());
    }
    GgufReader gguf = GgufReader.read(file);
    assertThat(gguf.metadata()).containsEntry("a.string", "héllo").containsEntry("a.u32", 0xFFFF_FFFFL)
        .containsEntry("a.f32", 0.25f).containsEntry("a.bool", true).containsEntry("a.strings", List.of("x", ""))
        .containsEntry("a.ints", List.of(-1L, 7L)).containsEntry("a.floats", List.of(1.5f));
    assertThat(gguf.tensors().get("three").offset()).isZero();
    assertThat(gguf.tensors().get("matrix").offset()).isEqualTo(32);
    assertThat(gguf.tensors().get("matrix").dims()).containsExactly(2, 3);
    assertThat(gguf.tensors().get("matrix").type()).isEqualTo(1);
    assertThat(gguf.data("three", 12).getFloat(8)).isEqualTo(3f);
    assertThat(Half.toFloat(gguf.data("matrix", 12).getShort(10))).isEqualTo(5f);
  }

  @Test
  void closingWithATensorShortOfDataFailsNamingIt() throws IOException {
    GgufWriter w = GgufWriter.create(tmp.resolve("short.gguf"), new GgufMetadata(),
        List.of(new GgufWriter.Tensor("t", GgmlType.F32, 4)));
    w.write(ByteBuffer.allocate(8));
    assertThatThrownBy(w::close).hasMessageContaining("tensor t is 8 bytes short");
  }

  @Test
  void moreDataThanDeclaredIsRefused() throws IOException {
    try (GgufWriter w = GgufWriter.create(tmp.resolve("long.gguf"), new GgufMetadata(),
        List.of(new GgufWriter.Tensor("t", GgmlType.F32, 1)))) {
      assertThatThrownBy(() -> w.write(ByteBuffer.allocate(8))).hasMessageContaining("more data than the tensors declared");
    }
  }

  @Test
  void q8BlockIsAHalfScaleOfMaxOver127ThenValuesRoundedHalfAwayFromZero() {
    float[] x = new float[32];
    x[0] = 127; // d = 1 exactly
    x[1] = 2.5f;
    x[2] = -2.5f;
    x[3] = 0.5f;
    x[4] = -0.49f;
    x[5] = -127;
    ByteBuffer out = ByteBuffer.allocate(34).order(ByteOrder.LITTLE_ENDIAN);
    GgmlType.Q8_0.encode(x, 0, 32, out);
    assertThat(out.position()).isEqualTo(34);
    assertThat(out.getShort(0)).isEqualTo((short) 0x3c00);
    assertThat(new byte[] {out.get(2), out.get(3), out.get(4), out.get(5), out.get(6), out.get(7), out.get(8)})
        .containsExactly(127, 3, -3, 1, 0, -127, 0);
  }

  @Test
  void q8OfZerosHasScaleZeroAndF32RefusesAPartialBlock() {
    ByteBuffer out = ByteBuffer.allocate(34).order(ByteOrder.LITTLE_ENDIAN);
    GgmlType.Q8_0.encode(new float[32], 0, 32, out);
    assertThat(out.array()).containsOnly(0);
    assertThat(GgmlType.Q8_0.bytes(64)).isEqualTo(68);
    assertThatThrownBy(() -> GgmlType.Q8_0.bytes(48)).hasMessageContaining("48 values are not whole blocks of 32");
  }
}
