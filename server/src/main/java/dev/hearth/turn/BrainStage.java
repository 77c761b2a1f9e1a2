package dev.hearth.turn;

import dev.hearth.brain.Brain;
import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import dev.hearth.brain.skills.OfflineFallback;
import dev.hearth.turn.Frame.ReplyDelta;
import dev.hearth.turn.Frame.ReplyDone;
import dev.hearth.turn.Frame.Transcript;
import dev.hearth.turn.Frame.UserWords;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The brain. On {@code UserWords} (the user's words, stored, with their context) it asks the brain and emits
 * {@code ReplyDelta}s and one {@code ReplyDone} (after a {@code SpokenReply} when the answer comes with its own
 * speech). An empty {@code Transcript} (nothing was heard) is answered "Sorry, I didn't catch that" without asking
 * the brain; a cancelled turn's transcript never reaches this stage. Words a recognizer guessed are asked back
 * ({@link DidYouMean}) and carried out on a "yes". {@code HeardSoFar} (words heard while the person still speaks)
 * lets the brain prepare, and is consumed; a barge-in ({@code Interrupt}) or a new turn ({@code TurnAccepted}) stops
 * that. Every other frame passes on.
 */
public final class BrainStage extends Stage {

  /**
   * @param zone the time zone of the skills' "now"
   * @param deadlineMillis how long after the user's words are known the turn must have started answering
   * @param client who this session's turns come from, for per-client limits
   */
  public record Settings(ZoneId zone, long deadlineMillis, String client) {}

  private final Brain brain;
  private final Clock clock;
  private final Settings settings;
  private final DidYouMean didYouMean = new DidYouMean();

  public BrainStage(Brain brain, Clock clock, Settings settings) {
    this.brain = brain;
    this.clock = clock;
    this.settings = settings;
  }

  @Override
  protected void process(Frame frame) {
    if (frame instanceof UserWords words) {
      answer(words);
    } else if (frame instanceof Frame.HeardSoFar h) {
      brain.anticipate(new BrainRequest(h.text(), h.turn().conversationId(), h.context(), now(), h.turn()::cancelled,
          settings.client(), Long.MAX_VALUE, null));
    } else if (frame instanceof Frame.Interrupt || frame instanceof Frame.TurnAccepted) {
      brain.stopAnticipating();
      push(frame, Direction.DOWNSTREAM);
    } else if (frame instanceof Transcript t && t.text().isBlank()) {
      push(t, Direction.DOWNSTREAM);
      nothingHeard(t.turn());
    } else {
      push(frame, Direction.DOWNSTREAM);
    }
  }

  private void answer(UserWords words) {
    Turn turn = words.turn();
    if (turn.guessed()) {
      say(turn, didYouMean.ask(words.text(), clock.millis()));
      return;
    }
    DidYouMean.Outcome outcome = didYouMean.resolve(words.text(), clock.millis());
    if (outcome.reply() != null) {
      say(turn, outcome.reply());
      return;
    }
    long deadline = nanoTime() + settings.deadlineMillis() * 1_000_000;
    BrainRequest request = new BrainRequest(outcome.text(), turn.conversationId(), words.context(), now(),
        turn::cancelled, settings.client(), deadline, words.audio());
    AtomicBoolean streamed = new AtomicBoolean();
    Reply reply;
    try {
      reply = brain.answer(request, delta -> {
        if (turn.cancelled() || delta.isEmpty()) return;
        streamed.set(true);
        push(new ReplyDelta(turn, delta, true), Direction.DOWNSTREAM);
      });
    } catch (Exception e) {
      pushError(words, "brain_failed", "Could not answer: " + e.getMessage(), e);
      return;
    }
    // speech the model made itself goes first, so the next stage knows not to synthesize this turn's text
    if (reply.audio() != null) push(new Frame.SpokenReply(turn, reply.audio()), Direction.DOWNSTREAM);
    if (!streamed.get()) push(new ReplyDelta(turn, reply.text(), false), Direction.DOWNSTREAM);
    push(new ReplyDone(turn, reply), Direction.DOWNSTREAM);
  }

  /** The skills' "now", in the configured zone. */
  private ZonedDateTime now() {
    return ZonedDateTime.now(clock.withZone(settings.zone()));
  }

  /** Says that nothing was heard, as a reply like any other; the empty transcript itself is not stored. */
  private void nothingHeard(Turn turn) {
    say(turn, OfflineFallback.nothingHeard());
  }

  private void say(Turn turn, Reply reply) {
    push(new ReplyDelta(turn, reply.text(), false), Direction.DOWNSTREAM);
    push(new ReplyDone(turn, reply), Direction.DOWNSTREAM);
  }
}
