package dev.hearth.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.brain.Reply;
import dev.hearth.turn.Frame.EndOfTurn;
import dev.hearth.turn.Frame.ErrorFrame;
import dev.hearth.turn.Frame.ReplyDone;
import dev.hearth.turn.Frame.Sentence;
import dev.hearth.turn.Frame.TtsAudio;
import org.junit.jupiter.api.Test;

class TtsStageTest {

  @Test
  void audioComesOutBeforeTheFramesThatFollowItsSentence() throws Exception {
    FakeTextToSpeech tts = new FakeTextToSpeech(3);
    ManualTime time = new ManualTime();
    StageHarness h = new StageHarness(new TtsStage(tts, 60_000), time);
    Turn t = StageHarness.turn();
    h.send(new Sentence(t, "One."), new ReplyDone(t, Reply.of("One.", "skill")), new Sentence(t, "Two."), new EndOfTurn(t));
    h.awaitDown(d -> d.stream().anyMatch(f -> f instanceof EndOfTurn), 5_000);
    assertThat(h.down()).extracting(f -> f.getClass().getSimpleName())
        .containsExactly("TtsAudio", "TtsAudio", "TtsAudio", "ReplyDone", "TtsAudio", "TtsAudio", "TtsAudio", "EndOfTurn");
  }

  @Test
  void synthesisWaitsForPlaybackOnceItIsAheadByTheLead() throws Exception {
    FakeTextToSpeech tts = new FakeTextToSpeech(30); // 3 s of speech
    ManualTime time = new ManualTime();
    StageHarness h = new StageHarness(new TtsStage(tts, 500), time);
    Turn t = StageHarness.turn();
    long start = time.getAsLong();
    h.send(new Sentence(t, "A long sentence."), new EndOfTurn(t));
    h.awaitDown(d -> d.size() >= 6, 5_000);
    time.awaitScheduled(5_000); // the stage now waits for playback: time stands still until the test moves it
    // at most the lead plus what playback consumed meanwhile has been made
    double elapsedMillis = (time.getAsLong() - start) / 1e6;
    assertThat(tts.chunksMade.get() * 100.0).isLessThanOrEqualTo(500 + elapsedMillis + 100);
    assertThat(tts.chunksMade.get()).isLessThan(30);
    time.runUntil(() -> h.down().stream().anyMatch(f -> f instanceof EndOfTurn), 10_000);
    assertThat(h.down()).filteredOn(f -> f instanceof TtsAudio).hasSize(30);
  }

  @Test
  void aCancelledTurnStopsMidSentenceAndDropsWhatFollows() throws Exception {
    FakeTextToSpeech tts = new FakeTextToSpeech(50);
    ManualTime time = new ManualTime();
    StageHarness h = new StageHarness(new TtsStage(tts, 300), time);
    Turn old = StageHarness.turn();
    h.send(new Sentence(old, "Long."), new Sentence(old, "Longer."), new EndOfTurn(old));
    h.awaitDown(d -> d.size() >= 3, 5_000);
    old.cancel();
    Turn next = StageHarness.turn();
    h.send(new Sentence(next, "Next."), new EndOfTurn(next));
    time.runUntil(() -> h.down().stream().anyMatch(f -> f instanceof EndOfTurn e && e.turn() == next), 10_000);
    assertThat(h.down()).noneMatch(f -> f instanceof EndOfTurn e && e.turn() == old);
    assertThat(h.down()).filteredOn(f -> f.turn() == old).hasSizeLessThan(50);
  }

  @Test
  void aFailedSentenceReportsUpstreamAndEndsTheTurn() throws Exception {
    FakeTextToSpeech tts = new FakeTextToSpeech(1);
    tts.failOn = "Broken.";
    ManualTime time = new ManualTime();
    TtsStage stage = new TtsStage(tts, 60_000);
    StageHarness h = new StageHarness(stage, time);
    Turn t = StageHarness.turn();
    h.send(new Sentence(t, "Broken."), new Sentence(t, "After."), new EndOfTurn(t));
    long deadline = System.currentTimeMillis() + 5_000;
    while (h.up().isEmpty() && System.currentTimeMillis() < deadline) Thread.sleep(5);
    assertThat(h.up()).singleElement().isInstanceOfSatisfying(ErrorFrame.class, e -> assertThat(e.code()).isEqualTo("tts_failed"));
    assertThat(t.cancelled()).isTrue();
  }
}
