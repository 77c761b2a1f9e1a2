package dev.hearth.compat.vosk;

import dev.hearth.audio.AudioFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * A RIFF/WAVE header at the start of a client's first audio frame. vosk-server's Node sample streams a whole
 * {@code .wav} file, header included, with no config; vosk-server decodes the header as a click of noise. This server
 * reads the format from it instead and skips it.
 *
 * @param format the audio's format, from the {@code fmt } chunk
 * @param length bytes before the first sample (the end of the {@code data} chunk's header)
 */
record WavHeader(AudioFormat format, int length) {
  private static final int RIFF = 0x46464952;
  private static final int WAVE = 0x45564157;
  private static final int FMT = 0x20746d66;
  private static final int DATA = 0x61746164;

  /**
   * The header at the start of {@code frame}, or empty when the frame does not start with {@code RIFF....WAVE}
   * (plain PCM). A WAV header this server cannot use (not 16-bit PCM, a rate out of range, cut off before its
   * {@code data} chunk) is refused.
   */
  static Optional<WavHeader> detect(byte[] frame) throws VoskProtocolException {
    ByteBuffer b = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
    if (frame.length < 12 || b.getInt(0) != RIFF || b.getInt(8) != WAVE) return Optional.empty();
    AudioFormat format = null;
    int pos = 12;
    while (pos + 8 <= frame.length) {
      int id = b.getInt(pos);
      long size = Integer.toUnsignedLong(b.getInt(pos + 4));
      int body = pos + 8;
      if (id == FMT) {
        if (size < 16 || body + 16 > frame.length) break;
        format = format(b.getShort(body) & 0xffff, b.getShort(body + 2) & 0xffff, b.getInt(body + 4),
            b.getShort(body + 14) & 0xffff);
      } else if (id == DATA) {
        if (format == null) throw invalid("the WAV header has its data chunk before its fmt chunk");
        return Optional.of(new WavHeader(format, body));
      }
      long next = body + size + (size & 1);
      if (next > frame.length) break;
      pos = (int) next;
    }
    throw invalid("the first frame starts a WAV header but does not hold all of it; send the header in one frame");
  }

  private static AudioFormat format(int codec, int channels, int rateHz, int bits) throws VoskProtocolException {
    if ((codec != 1 && codec != 0xfffe) || bits != 16) {
      throw invalid("the WAV audio is not 16-bit PCM (codec " + codec + ", " + bits + "-bit); send 16-bit PCM");
    }
    if (channels < 1 || channels > 2) throw invalid("the WAV audio has " + channels + " channels; send mono or stereo");
    if (rateHz < VoskMessage.MIN_RATE_HZ || rateHz > VoskMessage.MAX_RATE_HZ) {
      throw invalid("the WAV audio is at " + Integer.toUnsignedString(rateHz) + " Hz; send " + VoskMessage.MIN_RATE_HZ
          + " to " + VoskMessage.MAX_RATE_HZ + " Hz");
    }
    return AudioFormat.pcm16(rateHz, channels);
  }

  private static VoskProtocolException invalid(String message) {
    return new VoskProtocolException(VoskProtocolException.INVALID, message);
  }
}
