package dev.hearth.speech;

import dev.hearth.audio.AudioFormat;
import java.math.BigDecimal;

/**
 * The audio every listening front end accepts ({@code /ws}, vosk-server, Wyoming, {@code /v1/audio/transcriptions},
 * {@code hearth transcribe}, the machine's microphone): 16-bit little-endian PCM, mono or stereo, at a whole number of
 * Hz from {@value #MIN_RATE_HZ} to {@value #MAX_RATE_HZ}. Anything else is refused with the same message everywhere;
 * each protocol wraps it in its own error form.
 */
public final class InputFormats {
  /** The lowest input sample rate, in Hz (telephone audio). */
  public static final int MIN_RATE_HZ = 8_000;
  /** The highest input sample rate, in Hz (what browsers and USB microphones record at most). */
  public static final int MAX_RATE_HZ = 48_000;
  /** The longest rendering of a refused value quoted in a message. */
  private static final int MAX_SHOWN_CHARS = 16;

  private InputFormats() {}

  /** Whether {@code rateHz} is accepted. */
  public static boolean acceptsRate(double rateHz) {
    return rateHz >= MIN_RATE_HZ && rateHz <= MAX_RATE_HZ && rateHz == Math.rint(rateHz);
  }

  /** Returns {@code rateHz} as a whole number of Hz, or throws when it is not accepted. */
  public static int rate(double rateHz) throws UnsupportedAudio {
    if (!acceptsRate(rateHz)) throw new UnsupportedAudio(rateMessage(shown(rateHz)));
    return (int) rateHz;
  }

  /** Refuses a sample rate given as something other than a number, e.g. {@code "fast"}. */
  public static UnsupportedAudio notARate(String given) {
    String quoted = given.length() > MAX_SHOWN_CHARS ? given.substring(0, MAX_SHOWN_CHARS) + "…" : given;
    return new UnsupportedAudio(rateMessage("'" + quoted + "'"));
  }

  /** Returns {@code channels}, or throws unless it is 1 or 2. */
  public static int channels(int channels) throws UnsupportedAudio {
    if (channels < 1 || channels > 2) {
      throw new UnsupportedAudio("Audio must have 1 or 2 channels, not " + channels + ".");
    }
    return channels;
  }

  /** Throws unless samples are 2 bytes (16-bit). */
  public static void width(int widthBytes) throws UnsupportedAudio {
    if (widthBytes != 2) {
      throw new UnsupportedAudio("Audio must be 16-bit PCM (2 bytes a sample), not " + widthBytes * 8 + "-bit.");
    }
  }

  /** The format of a stream, or a refusal naming the first thing about it that is not accepted (rate first). */
  public static AudioFormat format(double rateHz, int widthBytes, int channels) throws UnsupportedAudio {
    int rate = rate(rateHz);
    width(widthBytes);
    return AudioFormat.pcm16(rate, channels(channels));
  }

  /** Checks a format already built (from a WAV header, a microphone line). */
  public static AudioFormat check(AudioFormat format) throws UnsupportedAudio {
    return format(format.rateHz(), format.widthBytes(), format.channels());
  }

  private static String rateMessage(String shown) {
    return "The sample rate must be a whole number of Hz from " + MIN_RATE_HZ + " to " + MAX_RATE_HZ + ", not "
        + shown + ".";
  }

  private static String shown(double rateHz) {
    if (Double.isNaN(rateHz) || Double.isInfinite(rateHz)) return String.valueOf(rateHz);
    String plain = BigDecimal.valueOf(rateHz).stripTrailingZeros().toPlainString();
    return (plain.length() > MAX_SHOWN_CHARS ? plain.substring(0, MAX_SHOWN_CHARS) + "…" : plain) + " Hz";
  }
}
