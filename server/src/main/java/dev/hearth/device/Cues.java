package dev.hearth.device;

import dev.hearth.audio.AudioFormat;

/**
 * The short sounds that tell a person at the device the button was heard: a rising two-note chirp when listening
 * starts, a falling one when it stops, and a high double beep when a long press starts a new conversation. Made
 * here (no files), 24 kHz mono, in 60 ms notes with soft edges.
 */
public final class Cues {
  public static final AudioFormat FORMAT = AudioFormat.pcm16(24_000, 1);

  private final byte[] start;
  private final byte[] stop;
  private final byte[] newConversation;

  private Cues(byte[] start, byte[] stop, byte[] newConversation) {
    this.start = start;
    this.stop = stop;
    this.newConversation = newConversation;
  }

  /** The cues, or silence for all when {@code enabled} is false. */
  public static Cues of(boolean enabled) {
    if (!enabled) return new Cues(new byte[0], new byte[0], new byte[0]);
    return new Cues(notes(660, 880), notes(880, 660), notes(1175, 0, 1175));
  }

  public byte[] start() {
    return start.clone();
  }

  public byte[] stop() {
    return stop.clone();
  }

  /** The double beep of a long press: the conversation starts again. */
  public byte[] newConversation() {
    return newConversation.clone();
  }

  /** 60 ms notes of {@code hz} each (0: a rest), at a quarter of full scale, with 5 ms fades. */
  static byte[] notes(double... hz) {
    int rate = FORMAT.rateHz();
    int note = rate * 60 / 1000;
    int fade = rate * 5 / 1000;
    byte[] pcm = new byte[hz.length * note * 2];
    for (int i = 0; i < hz.length * note; i++) {
      double f = hz[i / note];
      int inNote = i % note;
      double envelope = Math.min(1.0, Math.min(inNote, note - 1 - inNote) / (double) fade);
      short v = (short) Math.round(0.25 * Short.MAX_VALUE * envelope * Math.sin(2 * Math.PI * f * i / rate));
      pcm[2 * i] = (byte) v;
      pcm[2 * i + 1] = (byte) (v >> 8);
    }
    return pcm;
  }
}
