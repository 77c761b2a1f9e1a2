package dev.hearth.turn;

import dev.hearth.stt.SpeechToText;
import dev.hearth.stt.SttException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Recognizes every utterance as {@code transcript} and counts how often each session it opened was closed;
 * can be told to fail on the nth audio frame of a session or on finish.
 */
final class FakeSpeechToText implements SpeechToText {
  final List<FakeSession> sessions = new CopyOnWriteArrayList<>();
  private final String transcript;
  /** 1-based audio frame of each session that throws; 0: none. */
  volatile int failOnFrame;
  volatile boolean failOnFinish;

  FakeSpeechToText(String transcript) {
    this.transcript = transcript;
  }

  @Override public String modelName() { return "fake"; }
  @Override public void close() { }

  @Override
  public Session open() {
    FakeSession s = new FakeSession();
    sessions.add(s);
    return s;
  }

  /** How many times each opened session was closed, in the order they were opened. */
  List<Integer> closeCounts() {
    return sessions.stream().map(s -> s.closes.get()).toList();
  }

  final class FakeSession implements Session {
    final AtomicInteger closes = new AtomicInteger();
    private int frames;

    @Override
    public Optional<String> accept(byte[] pcm16k) throws SttException {
      frames++;
      if (frames == failOnFrame) throw new SttException("told to fail on frame " + frames);
      return frames == 1 ? Optional.of(transcript.split(" ")[0]) : Optional.empty();
    }

    @Override
    public String finish() throws SttException {
      if (failOnFinish) throw new SttException("told to fail on finish");
      return transcript;
    }

    @Override
    public void close() {
      closes.incrementAndGet();
    }
  }
}
