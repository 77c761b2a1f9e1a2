package dev.hearth.health;

import dev.hearth.speech.SpeechLoop;
import dev.hearth.stt.SpeechToText;
import dev.hearth.tts.TextToSpeech;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The watchdog turn: synthesizes a short word on the speech threads, then recognizes half a second of silence on the
 * recognition threads, the way a voice turn uses them. It fails when either throws or the word makes no audio.
 */
public final class SpeechCheck implements Watchdog.Turn {
  /** The word spoken. */
  static final String WORD = "Hello.";
  /** Half a second of 16 kHz, 16-bit mono silence. */
  static final int SILENCE_BYTES = 16_000 * 2 / 2;

  private final TextToSpeech tts;
  private final Executor ttsPool;
  private final SpeechToText stt;
  private final Executor sttPool;
  private volatile String part = "tts";

  public SpeechCheck(TextToSpeech tts, Executor ttsPool, SpeechToText stt, Executor sttPool) {
    this.tts = tts;
    this.ttsPool = ttsPool;
    this.stt = stt;
    this.sttPool = sttPool;
  }

  @Override
  public CompletableFuture<Void> start() {
    part = "tts";
    return CompletableFuture.runAsync(() -> speak(), ttsPool)
        .thenRunAsync(() -> {
          part = "stt";
          listen();
        }, sttPool);
  }

  @Override
  public String part() {
    return part;
  }

  private void speak() {
    AtomicLong bytes = new AtomicLong();
    try {
      SpeechLoop.speakNow(tts, List.of(WORD), tts.defaultVoice(), chunk -> bytes.addAndGet(chunk.pcm().length));
    } catch (Exception e) {
      throw new IllegalStateException("synthesizing \"" + WORD + "\" failed: " + e.getMessage(), e);
    }
    if (bytes.get() == 0) throw new IllegalStateException("synthesizing \"" + WORD + "\" made no audio");
  }

  private void listen() {
    try (SpeechToText.Session session = stt.open()) {
      session.accept(new byte[SILENCE_BYTES]);
      session.finish();
    } catch (Exception e) {
      throw new IllegalStateException("recognizing half a second of silence failed: " + e.getMessage(), e);
    }
  }
}
