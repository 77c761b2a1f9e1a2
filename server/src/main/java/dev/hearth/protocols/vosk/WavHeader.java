package dev.hearth.protocols.vosk;

import dev.hearth.audio.AudioFormat;
import dev.hearth.audio.Wav;
import dev.hearth.speech.InputFormats;
import dev.hearth.speech.UnsupportedAudio;
import java.io.IOException;
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

  /**
   * The header at the start of {@code frame}, or empty when the frame does not start with {@code RIFF....WAVE}
   * (plain PCM). A WAV header this server cannot use (not 16-bit PCM, a rate out of range, cut off before its
   * {@code data} chunk) is refused.
   */
  static Optional<WavHeader> detect(byte[] frame) throws VoskProtocolException {
    if (!Wav.startsLikeWav(frame)) return Optional.empty();
    Wav.Header header;
    try {
      header = Wav.header(frame, "the first frame's WAV header");
    } catch (IOException e) {
      throw invalid(e.getMessage() + "; send 16-bit PCM, with the whole header in one frame");
    }
    try {
      InputFormats.check(header.format());
    } catch (UnsupportedAudio e) {
      throw invalid("the WAV header: " + e.getMessage());
    }
    return Optional.of(new WavHeader(header.format(), header.dataOffset()));
  }

  private static VoskProtocolException invalid(String message) {
    return new VoskProtocolException(VoskProtocolException.INVALID, message);
  }
}
