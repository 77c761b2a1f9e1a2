package dev.hearth.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes RIFF/WAVE files holding 16-bit PCM. */
public final class Wav {
  private Wav() {}

  /** Reads a 16-bit PCM WAV file; throws {@link IOException} naming the problem for anything else. */
  public static AudioChunk read(Path file) throws IOException {
    return parse(Files.readAllBytes(file), file.toString());
  }

  public static AudioChunk parse(byte[] bytes, String name) throws IOException {
    Header header = header(bytes, name);
    int len = (int) Math.min(header.dataBytes(), bytes.length - header.dataOffset());
    len -= len % header.format().frameBytes();
    byte[] pcm = new byte[len];
    System.arraycopy(bytes, header.dataOffset(), pcm, 0, len);
    return new AudioChunk(header.format(), pcm);
  }

  /**
   * A WAV file's format and where its samples start.
   *
   * @param dataBytes the length its data chunk declares ({@code 0xFFFFFFFF} when streamed before its length was known)
   */
  public record Header(AudioFormat format, int dataOffset, long dataBytes) {}

  /** Whether {@code bytes} start as a RIFF/WAVE file does. */
  public static boolean startsLikeWav(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    return bytes.length >= 12 && b.getInt(0) == 0x46464952 && b.getInt(8) == 0x45564157; // RIFF .... WAVE
  }

  /**
   * Reads the header at the start of {@code bytes}, which must reach the start of the data chunk (the samples need
   * not be there yet); throws {@link IOException} naming the problem for anything but 16-bit PCM, mono or stereo.
   */
  public static Header header(byte[] bytes, String name) throws IOException {
    if (!startsLikeWav(bytes)) throw new IOException(name + " is not a RIFF/WAVE file");
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    AudioFormat format = null;
    int pos = 12;
    while (pos + 8 <= bytes.length) {
      int id = b.getInt(pos);
      long size = Integer.toUnsignedLong(b.getInt(pos + 4));
      int body = pos + 8;
      if (id == 0x20746d66) { // "fmt "
        if (size < 16 || body + 16 > bytes.length) break;
        int codec = b.getShort(body) & 0xffff;
        int channels = b.getShort(body + 2) & 0xffff;
        int rate = b.getInt(body + 4);
        int bits = b.getShort(body + 14) & 0xffff;
        if ((codec != 1 && codec != 0xfffe) || bits != 16) {
          throw new IOException(name + ": only 16-bit PCM WAV is supported (codec " + codec + ", " + bits + "-bit)");
        }
        if (channels < 1 || channels > 2) throw new IOException(name + ": " + channels + " channels; use mono or stereo");
        if (rate <= 0) throw new IOException(name + ": a sample rate of " + Integer.toUnsignedString(rate) + " Hz");
        format = AudioFormat.pcm16(rate, channels);
      } else if (id == 0x61746164) { // "data"
        if (format == null) throw new IOException(name + ": data chunk before fmt chunk");
        return new Header(format, body, size);
      }
      long next = body + size + (size & 1);
      if (next > bytes.length) break;
      pos = (int) next;
    }
    throw new IOException(name + " ends before its data chunk");
  }

  public static void write(AudioChunk audio, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      write(audio, out);
    }
  }

  public static void write(AudioChunk audio, OutputStream out) throws IOException {
    out.write(header(audio.format(), 36 + audio.pcm().length, audio.pcm().length));
    out.write(audio.pcm());
  }

  /**
   * The 44-byte header of a WAV file that is streamed before its length is known: the RIFF and data sizes are
   * {@code 0xFFFFFFFF}, which readers take as "until the end of the stream" (OpenAI's streamed WAV does the same).
   */
  public static byte[] streamingHeader(AudioFormat format) {
    return header(format, 0xFFFFFFFF, 0xFFFFFFFF);
  }

  private static byte[] header(AudioFormat f, int riffBytes, int dataBytes) {
    ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(0x46464952).putInt(riffBytes).putInt(0x45564157); // RIFF .... WAVE
    h.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) f.channels()).putInt(f.rateHz())
        .putInt(f.bytesPerSecond()).putShort((short) f.frameBytes()).putShort((short) (f.widthBytes() * 8));
    h.putInt(0x61746164).putInt(dataBytes); // data ....
    return h.array();
  }

  public static byte[] toBytes(AudioChunk audio) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(44 + audio.pcm().length);
    try {
      write(audio, out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }
}
