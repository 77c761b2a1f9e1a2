package dev.hearth.local;

import dev.hearth.audio.AudioFormat;

/**
 * The short sounds that tell a person at the device the button was heard: a rising two-note chirp when listening
 * starts, a falling one when it stops. Made here (no files), 24 kHz mono, each 120 ms with soft edges.
 */
public final class Cues {
  public static final AudioFormat FORMAT = AudioFormat.pcm16(24_000, 1);

  private final byte[] start;
  private final byte[] stop;

  private Cues(byte[] start, byte[] stop) {
    this.start = start;
    this.stop = stop;
  }

  /** The two chirps, or silence for both when {@code enabled} is false. */
  public static Cues of(boolean enabled) {
    if (!enabled) return new Cues(new byte[0], new byte[0]);
    return new Cues(chirp(660, 880), chirp(880, 660));
  }

  public byte[] start() {
    return start.clone();
  }

  public byte[] stop() {
    return stop.clone();
  }

  /** Two 60 ms notes, {@code first} then {@code second} Hz, at a quarter of full scale, with 5 ms fades. */
  static byte[] chirp(double first, double second) {
    int rate = FORMAT.rateHz();
    int note = rate * 60 / 1000;
    int fade = rate * 5 / 1000;
    byte[] pcm = new byte[2 * note * 2];
    for (int i = 0; i < 2 * note; i++) {
      double hz = i < note ? first : second;
      int inNote = i % note;
      double envelope = Math.min(1.0, Math.min(inNote, note - 1 - inNote) / (double) fade);
      short v = (short) Math.round(0.25 * Short.MAX_VALUE * envelope * Math.sin(2 * Math.PI * hz * i / rate));
      pcm[2 * i] = (byte) v;
      pcm[2 * i + 1] = (byte) (v >> 8);
    }
    return pcm;
  }
}
