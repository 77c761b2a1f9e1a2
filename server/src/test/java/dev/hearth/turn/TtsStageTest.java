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
    StageHarness h = new StageHarness(new TtsStage(tts, 60_000, System::nanoTime));
    Turn t = StageHarness.turn();
    h.send(new Sentence(t, "One."), new ReplyDone(t, Reply.of("One.", "skill")), new Sentence(t, "Two."), new EndOfTurn(t));
    h.awaitDown(d -> d.stream().anyMatch(f -> f instanceof EndOfTurn), 5_000);
    assertThat(h.down()).extracting(f -> f.getClass().getSimpleName())
        .containsExactly("TtsAudio", "TtsAudio", "TtsAudio", "ReplyDone", "TtsAudio", "TtsAudio", "TtsAudio", "EndOfTurn");
  }

  @Test
  void synthesisWaitsForPlaybackOnceItIsAheadByTheLead() throws Exception {
    FakeTextToSpeech tts = new FakeTextToSpeech(30); // 3 s of speech
    StageHarness h = new StageHarness(new TtsStage(tts, 500, System::nanoTime));
    Turn t = StageHarness.turn();
    long start = System.nanoTime();
    h.send(new Sentence(t, "A long sentence."), new EndOfTurn(t));
    h.awaitDown(d -> d.size() >= 6, 5_000);
    Thread.sleep(100);
    // at most the lead plus what playback consumed meanwhile has been made
    double elapsedMillis = (System.nanoTime() - start) / 1e6;
    assertThat(tts.chunksMade.get() * 100.0).isLessThanOrEqualTo(500 + elapsedMillis + 100);
    assertThat(tts.chunksMade.get()).isLessThan(30);
    h.awaitDown(d -> d.stream().anyMatch(f -> f instanceof EndOfTurn), 10_000);
    assertThat(h.down()).filteredOn(f -> f instanceof TtsAudio).hasSize(30);
  }

  @Test
  void aCancelledTurnStopsMidSentenceAndDropsWhatFollows() throws Exception {
    FakeTextToSpeech tts = new FakeTextToSpeech(50);
    StageHarness h = new StageHarness(new TtsStage(tts, 300, System::nanoTime));
    Turn old = StageHarness.turn();
    h.send(new Sentence(old, "Long."), new Sentence(old, "Longer."), new EndOfTurn(old));
    h.awaitDown(d -> d.size() >= 3, 5_000);
    old.cancel();
    Turn next = StageHarness.turn();
    h.send(new Sentence(next, "Next."), new EndOfTurn(next));
    h.awaitDown(d -> d.stream().anyMatch(f -> f instanceof EndOfTurn e && e.turn() == next), 10_000);
    assertThat(h.down()).noneMatch(f -> f instanceof EndOfTurn e && e.turn() == old);
    assertThat(h.down()).filteredOn(f -> f.turn() == old).hasSizeLessThan(50);
  }

  @Test
  void aFailedSentenceReportsUpstreamAndEndsTheTurn() throws Exception {
    FakeTextToSpeech tts = new FakeTextToSpeech(1);
    tts.failOn = "Broken.";
    TtsStage stage = new TtsStage(tts, 60_000, System::nanoTime);
    StageHarness h = new StageHarness(stage);
    Turn t = StageHarness.turn();
    h.send(new Sentence(t, "Broken."), new Sentence(t, "After."), new EndOfTurn(t));
    long deadline = System.currentTimeMillis() + 5_000;
    while (h.up().isEmpty() && System.currentTimeMillis() < deadline) Thread.sleep(5);
    assertThat(h.up()).singleElement().isInstanceOfSatisfying(ErrorFrame.class, e -> assertThat(e.code()).isEqualTo("tts_failed"));
    assertThat(t.cancelled()).isTrue();
  }
}
