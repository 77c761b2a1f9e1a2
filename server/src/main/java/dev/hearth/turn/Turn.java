package dev.hearth.turn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One turn of a session: who it belongs to, whether it was cancelled, and when its milestones happened.
 * Shared by the stages of one pipeline; its fields are safe to read and write from any of their threads.
 */
public final class Turn {

  public enum Kind { VOICE, TEXT, ANNOUNCEMENT }

  private final String id;
  private final Kind kind;
  private final String conversationId;
  private final boolean newConversation;
  private final String voice;
  private final LongSupplier nanoClock;
  private volatile boolean cancelled;
  private volatile boolean guessed;
  private volatile String nextConversationId;
  /** When push-to-talk was released or the text arrived (System.nanoTime scale); 0 until then. */
  private volatile long releasedAtNanos;
  private final AtomicLong sttFinalNanos = new AtomicLong();
  private final AtomicLong firstReplyNanos = new AtomicLong();
  private final AtomicLong firstAudioNanos = new AtomicLong();
  private final AtomicLong doneNanos = new AtomicLong();
  private final AtomicLong sttAudioMillis = new AtomicLong();
  private final AtomicLong sttBusyNanos = new AtomicLong();

  private final Playback playback = new Playback();

  /** How much of the turn's speech has been handed to the client, against the time it takes to play. */
  public static final class Playback {
    private long startNanos;
    private double queuedMillis;

    /** Records {@code millis} more audio handed on at {@code nowNanos}. */
    public synchronized void queued(double millis, long nowNanos) {
      if (startNanos == 0) startNanos = nowNanos;
      queuedMillis += millis;
    }

    /** Audio handed on beyond what real-time playback has consumed by {@code nowNanos}. */
    public synchronized long aheadMillis(long nowNanos) {
      if (startNanos == 0) return 0;
      return Math.round(queuedMillis - (nowNanos - startNanos) / 1e6);
    }
  }

  public Playback playback() {
    return playback;
  }

  public Turn(Kind kind, String conversationId, boolean newConversation, String voice, LongSupplier nanoClock) {
    this.id = UUID.randomUUID().toString();
    this.kind = kind;
    this.conversationId = conversationId;
    this.newConversation = newConversation;
    this.voice = voice;
    this.nanoClock = nanoClock;
  }

  public String id() { return id; }
  public Kind kind() { return kind; }
  public String conversationId() { return conversationId; }
  /** True when the conversation did not exist before this turn. */
  public boolean newConversation() { return newConversation; }

  /**
   * The conversation this turn's reply started ("start a new conversation"), once its row is stored (by
   * {@link HistoryStage}); null when the reply started none.
   */
  public String nextConversationId() { return nextConversationId; }

  public void nextConversationStored(String id) { nextConversationId = id; }
  public String voice() { return voice; }
  public boolean cancelled() { return cancelled; }
  /** Whether this voice turn's words are a recognizer's guess, to be asked back before they are acted on. */
  public boolean guessed() { return guessed; }
  public void markGuessed() { guessed = true; }

  public void cancel() {
    cancelled = true;
  }

  public void markReleased() {
    releasedAtNanos = nanoClock.getAsLong();
  }

  public void markSttFinal() { sttFinalNanos.compareAndSet(0, nanoClock.getAsLong()); }
  public void markFirstReply() { firstReplyNanos.compareAndSet(0, nanoClock.getAsLong()); }
  public void markFirstAudio() { firstAudioNanos.compareAndSet(0, nanoClock.getAsLong()); }
  public void markDone() { doneNanos.compareAndSet(0, nanoClock.getAsLong()); }

  /** Adds recognition work: {@code audioMillis} of audio took {@code busyNanos} of recognizer time. */
  public void addSttWork(long audioMillis, long busyNanos) {
    sttAudioMillis.addAndGet(audioMillis);
    sttBusyNanos.addAndGet(busyNanos);
  }

  /**
   * The protocol's timings, in milliseconds from release (null for steps that did not happen), plus the
   * recognizer's audio and busy time for real-time-factor reports.
   */
  public Map<String, Double> timings() {
    Map<String, Double> t = new LinkedHashMap<>();
    t.put("stt_final_ms", since(sttFinalNanos.get()));
    t.put("first_reply_ms", since(firstReplyNanos.get()));
    t.put("first_audio_ms", since(firstAudioNanos.get()));
    t.put("total_ms", since(doneNanos.get()));
    if (kind == Kind.VOICE) {
      t.put("stt_audio_ms", (double) sttAudioMillis.get());
      t.put("stt_busy_ms", Math.round(sttBusyNanos.get() / 1e6 * 10) / 10.0);
    }
    return t;
  }

  private Double since(long nanos) {
    long released = releasedAtNanos;
    if (nanos == 0 || released == 0) return null;
    return Math.round((nanos - released) / 1e5) / 10.0;
  }
}
