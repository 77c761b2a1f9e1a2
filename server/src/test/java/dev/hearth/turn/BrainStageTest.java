package dev.hearth.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.brain.Brain;
import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import dev.hearth.brain.Responder;
import dev.hearth.turn.Frame.ReplyDelta;
import dev.hearth.turn.Frame.ReplyDone;
import dev.hearth.turn.Frame.Transcript;
import dev.hearth.turn.Frame.UserWords;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A voice turn in which nothing was heard is answered, without asking the brain, unless it was cancelled. */
class BrainStageTest {
  private final AtomicInteger asked = new AtomicInteger();
  private final List<String> askedWith = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Responder counting = new Responder() {
    @Override public String source() { return "skill"; }
    @Override public Optional<Reply> respond(BrainRequest request, Consumer<String> deltas) {
      asked.incrementAndGet();
      askedWith.add(request.text());
      return Optional.of(Reply.of("An answer.", "skill"));
    }
  };
  private final StageHarness h = new StageHarness(new BrainStage(new Brain(List.of(counting)), Clock.systemUTC(),
      new BrainStage.Settings(ZoneOffset.UTC, 5_000, "test")));

  @Test
  void anEmptyTranscriptIsAnsweredThatNothingWasCaught() throws Exception {
    Turn t = voiceTurn();
    h.send(new Transcript(t, ""));
    h.awaitDown(d -> d.stream().anyMatch(f -> f instanceof ReplyDone), 5_000);

    assertThat(h.down()).extracting(f -> f.getClass().getSimpleName())
        .containsExactly("Transcript", "ReplyDelta", "ReplyDone");
    assertThat(((ReplyDelta) h.down().get(1)).text()).isEqualTo("Sorry, I didn't catch that.");
    assertThat(((ReplyDone) h.down().get(2)).reply()).isEqualTo(
        Reply.of("Sorry, I didn't catch that.", "fallback"));
    assertThat(asked).hasValue(0);
  }

  @Test
  void aCancelledTurnsEmptyTranscriptGetsNoAnswer() throws Exception {
    Turn cancelled = voiceTurn();
    cancelled.cancel();
    Turn next = voiceTurn();
    h.send(new Transcript(cancelled, ""), new UserWords(next, "hello", null, List.of()));
    h.awaitDown(d -> d.stream().anyMatch(f -> f instanceof ReplyDone), 5_000);

    assertThat(h.down()).allMatch(f -> f.turn() == next);
    assertThat(h.down()).filteredOn(f -> f instanceof ReplyDone).singleElement()
        .satisfies(f -> assertThat(((ReplyDone) f).reply().text()).isEqualTo("An answer."));
  }

  /** Issue 17: words a recognizer guessed are asked back, not acted on; "yes" carries them out, "no" drops them. */
  @Test
  void aGuessIsAskedBackAndCarriedOutOnYes() throws Exception {
    Turn guessed = voiceTurn();
    guessed.markGuessed();
    assertThat(reply(guessed, "add call mom to my to do list")).isEqualTo("Did you mean: add call mom to my to do list?");
    assertThat(asked).hasValue(0);

    assertThat(reply(voiceTurn(), "yes")).isEqualTo("An answer.");
    assertThat(askedWith).containsExactly("add call mom to my to do list");
    assertThat(reply(voiceTurn(), "yes")).isEqualTo("An answer.");
    assertThat(askedWith).containsExactly("add call mom to my to do list", "yes"); // asked once, carried out once
  }

  @Test
  void aNoDropsTheGuessAndAnythingElseIsANewRequest() throws Exception {
    Turn guessed = voiceTurn();
    guessed.markGuessed();
    reply(guessed, "set a soda timer for one hour");
    assertThat(reply(voiceTurn(), "no")).isEqualTo("Okay. Please say it again.");
    assertThat(asked).hasValue(0);

    Turn again = voiceTurn();
    again.markGuessed();
    reply(again, "set a soda timer for one hour");
    assertThat(reply(voiceTurn(), "set a timer for one hour")).isEqualTo("An answer.");
    assertThat(askedWith).containsExactly("set a timer for one hour");
  }

  /**
   * Issue 18: words heard while the person speaks let the brain prepare: a model behind the skills computes ahead unless
   * a skill would take the words; a barge-in or a new turn stops it. The words are consumed here.
   */
  @Test
  void wordsHeardSoFarLetTheModelPrepareUnlessASkillTakesThem() throws Exception {
    List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    Responder skills = new Responder() {
      @Override public String source() { return "skill"; }
      @Override public Optional<Reply> respond(BrainRequest request, Consumer<String> deltas) { return Optional.empty(); }
      @Override public boolean anticipate(BrainRequest heardSoFar) { return heardSoFar.text().startsWith("set a timer"); }
    };
    Responder model = new Responder() {
      @Override public String source() { return "llm"; }
      @Override public Optional<Reply> respond(BrainRequest request, Consumer<String> deltas) { return Optional.empty(); }
      @Override public boolean preparesAhead() { return true; }
      @Override public boolean anticipate(BrainRequest heardSoFar) {
        calls.add("prepare " + heardSoFar.text() + " after " + heardSoFar.context().size());
        return true;
      }
      @Override public void stopAnticipating() { calls.add("stop"); }
    };
    StageHarness stage = new StageHarness(new BrainStage(new Brain(List.of(skills, model)), Clock.systemUTC(),
        new BrainStage.Settings(ZoneOffset.UTC, 5_000, "test")));
    Turn t = voiceTurn();
    List<dev.hearth.brain.ContextTurn> context = List.of(new dev.hearth.brain.ContextTurn(
        dev.hearth.brain.ContextTurn.Role.ASSISTANT, "Hello."));
    stage.send(new Frame.TurnAccepted(t), new Frame.HeardSoFar(t, "why is", context),
        new Frame.HeardSoFar(t, "set a timer", context), new Frame.Interrupt(t));
    stage.awaitDown(d -> d.size() == 2, 5_000);
    assertThat(stage.down()).extracting(f -> f.getClass().getSimpleName()).containsExactly("TurnAccepted", "Interrupt");
    assertThat(calls).containsExactly("stop", "prepare why is after 1", "stop", "stop");
  }

  /** With nothing that prepares ahead (no model), words heard so far cost nothing, not even the skills' match. */
  @Test
  void withNothingThatPreparesAheadWordsHeardSoFarAreNotMatched() throws Exception {
    List<String> matched = new java.util.concurrent.CopyOnWriteArrayList<>();
    Responder skills = new Responder() {
      @Override public String source() { return "skill"; }
      @Override public Optional<Reply> respond(BrainRequest request, Consumer<String> deltas) {
        return Optional.of(Reply.of("An answer.", "skill"));
      }
      @Override public boolean anticipate(BrainRequest heardSoFar) {
        matched.add(heardSoFar.text());
        return true;
      }
    };
    StageHarness stage = new StageHarness(new BrainStage(new Brain(List.of(skills)), Clock.systemUTC(),
        new BrainStage.Settings(ZoneOffset.UTC, 5_000, "test")));
    Turn t = voiceTurn();
    stage.send(new Frame.HeardSoFar(t, "set a timer", List.of()), new UserWords(t, "set a timer", null, List.of()));
    stage.awaitDown(d -> d.stream().anyMatch(f -> f instanceof ReplyDone), 5_000);
    assertThat(matched).isEmpty();
  }

  private String reply(Turn turn, String words) throws Exception {
    int before = h.down().size();
    h.send(new UserWords(turn, words, null, List.of()));
    h.awaitDown(d -> d.stream().skip(before).anyMatch(f -> f instanceof ReplyDone), 5_000);
    return h.down().stream().skip(before).filter(f -> f instanceof ReplyDone).map(f -> ((ReplyDone) f).reply().text())
        .findFirst().orElseThrow();
  }

  private Turn voiceTurn() {
    return new Turn(Turn.Kind.VOICE, "c", false, "v", System::nanoTime);
  }
}
