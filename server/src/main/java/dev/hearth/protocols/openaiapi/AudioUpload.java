package dev.hearth.protocols.openaiapi;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.Wav;
import dev.hearth.speech.InputFormats;
import dev.hearth.speech.UnsupportedAudio;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Audio a client sent to be transcribed: a WAV file of 16-bit PCM at 8 to 48 kHz, mono or stereo. Hearth decodes
 * nothing else offline; any other file is refused with a 400 naming the format it looks like and the ffmpeg command
 * that turns it into WAV.
 */
final class AudioUpload {
  /** OpenAI refuses audio shorter than this. */
  static final double MIN_SECONDS = 0.1;

  private AudioUpload() {}

  /**
   * Decodes {@code bytes} or throws a 400 for {@code param}.
   *
   * @param name the file's name as sent, for messages
   */
  static AudioChunk decode(byte[] bytes, String name, String param) {
    if (bytes.length == 0) throw OpenAiError.invalid("The audio file '" + name + "' is empty.", param, "invalid_value").failure();
    String kind = sniff(bytes);
    if (!kind.equals("WAV")) {
      throw OpenAiError.invalid("'" + name + "' looks like " + kind + ", but Hearth transcribes only WAV files of 16-bit "
          + "PCM (8-48 kHz, mono or stereo) offline. Convert it first, e.g. `ffmpeg -i in.mp3 -ar 16000 -ac 1 out.wav`.",
          param, "unsupported_file_format").failure();
    }
    AudioChunk audio;
    try {
      audio = Wav.parse(bytes, "'" + name + "'");
    } catch (IOException | IllegalArgumentException e) {
      throw OpenAiError.invalid(e.getMessage() + ". Hearth transcribes WAV files of 16-bit PCM (8-48 kHz, mono or "
          + "stereo); convert with `ffmpeg -i in.wav -ar 16000 -ac 1 -c:a pcm_s16le out.wav`.", param,
          "unsupported_file_format").failure();
    }
    try {
      InputFormats.check(audio.format());
    } catch (UnsupportedAudio e) {
      throw OpenAiError.invalid("'" + name + "': " + e.getMessage() + " Convert it with `ffmpeg -i in.wav -ar 16000 -ac 1 "
          + "out.wav`.", param, "unsupported_file_format").failure();
    }
    if (audio.millis() < MIN_SECONDS * 1000) {
      throw OpenAiError.invalid("Audio file is too short. Minimum audio length is " + MIN_SECONDS + " seconds.", param,
          "audio_too_short").failure();
    }
    return audio;
  }

  /** What the file's first bytes say it is: {@code WAV}, or a name for the message ({@code MP3}, {@code FLAC}, ...). */
  static String sniff(byte[] b) {
    if (starts(b, 0, "RIFF") && starts(b, 8, "WAVE")) return "WAV";
    if (starts(b, 0, "RIFF")) return "a RIFF file that is not WAVE";
    if (starts(b, 0, "ID3") || b.length > 1 && (b[0] & 0xff) == 0xff && (b[1] & 0xe0) == 0xe0) return "MP3";
    if (starts(b, 0, "fLaC")) return "FLAC";
    if (starts(b, 0, "OggS")) return "Ogg (Vorbis or Opus)";
    if (b.length >= 4 && (b[0] & 0xff) == 0x1a && (b[1] & 0xff) == 0x45 && (b[2] & 0xff) == 0xdf && (b[3] & 0xff) == 0xa3) {
      return "WebM/Matroska";
    }
    if (starts(b, 4, "ftyp")) return "MP4/M4A";
    if (starts(b, 0, "FORM")) return "AIFF";
    return "no audio format Hearth knows";
  }

  private static boolean starts(byte[] bytes, int offset, String ascii) {
    byte[] want = ascii.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length < offset + want.length) return false;
    for (int i = 0; i < want.length; i++) {
      if (bytes[offset + i] != want[i]) return false;
    }
    return true;
  }
}
