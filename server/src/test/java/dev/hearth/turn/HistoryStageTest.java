package dev.hearth.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.audio.AudioFormat;
import dev.hearth.brain.ContextTurn;
import dev.hearth.brain.Reply;
import dev.hearth.store.Event;
import dev.hearth.store.EventType;
import dev.hearth.store.NewEvent;
import dev.hearth.store.SqliteStore;
import dev.hearth.store.StoreThread;
import dev.hearth.turn.Frame.EndOfTurn;
import dev.hearth.turn.Frame.ErrorFrame;
import dev.hearth.turn.Frame.HeardSoFar;
import dev.hearth.turn.Frame.PartialTranscript;
import dev.hearth.turn.Frame.PttPressed;
import dev.hearth.turn.Frame.ReplyDone;
import dev.hearth.turn.Frame.TextIn;
import dev.hearth.turn.Frame.Transcript;
import dev.hearth.turn.Frame.TurnAccepted;
import dev.hearth.turn.Frame.UserWords;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The history's one owner: its user side admits the turn into its conversation and stores the user's words before
 * the brain hears them; the stage itself stores the reply once its audio was sent, before the turn may end.
 */
class HistoryStageTest {

  /**
   * Issue 15: the turn's end was announced before its reply was committed. The stage now holds {@code EndOfTurn}
   * back until the reply's row is committed, so the {@code turn_done} sent after it announces a stored reply.
   */
  @Test
  void endOfTurnPassesOnOnlyAfterTheReplyIsCommitted() throws Exception {
    try (StoreThread thread = new StoreThread(SqliteStore.inMemory())) {
      var store = thread.history();
      StageHarness h = new StageHarness(new HistoryStage(store, Clock.systemUTC(), 10));
      Turn turn = StageHarness.turn();
      CountDownLatch storeBusy = new CountDownLatch(1);
      store.submit(s -> {
        awaitQuietly(storeBusy); // the store thread is busy until released: nothing can commit meanwhile
        return null;
      });

      h.send(new ReplyDone(turn, Reply.of("It is noon.", "skill")), new EndOfTurn(turn));
      h.awaitDown(down -> down.size() == 1, 5_000);
      assertThat(h.down()).singleElement().isInstanceOf(ReplyDone.class);

      storeBusy.countDown();
      h.awaitDown(down -> down.size() == 2, 5_000);
      assertThat(h.down().get(1)).isInstanceOf(EndOfTurn.class);
      List<Event> stored = store.submit(s -> s.events("c")).join();
      assertThat(stored).singleElement().satisfies(e -> {
        assertThat(e.type()).isEqualTo(EventType.ASSISTANT_REPLY);
        assertThat(e.text()).isEqualTo("It is noon.");
        assertThat(e.turnId()).isEqualTo(turn.id());
      });
    }
  }

  /**
   * Issue 15: after "start a new conversation", {@code turn_done} named a conversation that the store had not yet
   * committed (after a crash, the page's next turn got {@code unknown_conversation}). It is now stored with the reply,
   * before the end of the turn passes on.
   */
  @Test
  void aReplyStartingANewConversationStoresItBeforeTheTurnEnds() throws Exception {
    try (StoreThread thread = new StoreThread(SqliteStore.inMemory())) {
      var store = thread.history();
      StageHarness h = new StageHarness(new HistoryStage(store, Clock.systemUTC(), 10));
      Turn turn = StageHarness.turn();
      h.send(new ReplyDone(turn, new Reply("Starting a new conversation.", "skill", Reply.Action.NEW_CONVERSATION)),
          new EndOfTurn(turn));
      h.awaitDown(down -> down.size() == 2, 5_000);
      String next = turn.nextConversationId();
      assertThat(next).isNotNull().isNotEqualTo(turn.conversationId());
      assertThat(store.submit(s -> s.conversation(next)).join()).isPresent();

      Turn plain = StageHarness.turn();
      h.send(new ReplyDone(plain, Reply.of("It is noon.", "skill")), new EndOfTurn(plain));
      h.awaitDown(down -> down.size() == 4, 5_000);
      assertThat(plain.nextConversationId()).isNull();
    }
  }

  @Test
  void aReplyThatCannotBeStoredEndsTheTurnWithAnErrorInsteadOfItsEnd() throws Exception {
    SqliteStore closed = SqliteStore.inMemory();
    closed.close(); // every write now fails
    try (StoreThread thread = new StoreThread(closed)) {
      var store = thread.history();
      StageHarness h = new StageHarness(new HistoryStage(store, Clock.systemUTC(), 10));
      Turn turn = StageHarness.turn();
      h.send(new ReplyDone(turn, Reply.of("It is noon.", "skill")), new EndOfTurn(turn));
      h.awaitUp(up -> !up.isEmpty(), 5_000);
      assertThat(h.up()).singleElement().isInstanceOfSatisfying(ErrorFrame.class,
          e -> assertThat(e.code()).isEqualTo("history_failed"));
      assertThat(h.down()).noneMatch(f -> f instanceof EndOfTurn);
    }
  }

  @Test
  void framesOfATurnWithoutReplyPassStraightOn() throws Exception {
    try (StoreThread thread = new StoreThread(SqliteStore.inMemory())) {
      var store = thread.history();
      StageHarness h = new StageHarness(new HistoryStage(store, Clock.systemUTC(), 10));
      Turn announcement = StageHarness.turn();
      h.send(new EndOfTurn(announcement));
      h.awaitDown(down -> down.size() == 1, 5_000);
      assertThat(store.submit(s -> s.events("c")).join()).isEmpty();
    }
  }

  @Test
  void aTurnInANewConversationIsAcceptedOnceTheConversationIsStored() throws Exception {
    try (StoreThread thread = new StoreThread(SqliteStore.inMemory())) {
      var store = thread.history();
      StageHarness h = new StageHarness(new HistoryStage(store, Clock.systemUTC(), 10).user());
      Turn turn = new Turn(Turn.Kind.VOICE, "fresh", true, "v", System::nanoTime);
      h.send(new PttPressed(turn, AudioFormat.STT));
      h.awaitDown(down -> !down.isEmpty(), 5_000);
      assertThat(h.down()).singleElement().isInstanceOf(TurnAccepted.class);
      assertThat(store.submit(s -> s.conversation("fresh")).join()).isPresent();
    }
  }

  @Test
  void aTurnInAConversationThatDoesNotExistEndsWithUnknownConversation() throws Exception {
    try (StoreThread thread = new StoreThread(SqliteStore.inMemory())) {
      var store = thread.history();
      StageHarness h = new StageHarness(new HistoryStage(store, Clock.systemUTC(), 10).user());
      Turn turn = new Turn(Turn.Kind.TEXT, "nowhere", false, "v", System::nanoTime);
      h.send(new TextIn(turn, "hello"));
      h.awaitUp(up -> !up.isEmpty(), 5_000);
      assertThat(h.up()).singleElement().isInstanceOfSatisfying(ErrorFrame.class,
          e -> assertThat(e.code()).isEqualTo("unknown_conversation"));
      assertThat(turn.cancelled()).isTrue();
      assertThat(h.down()).isEmpty();
      assertThat(store.submit(s -> s.events("nowhere")).join()).isEmpty();
    }
  }

  @Test
  void theUsersWordsAreStoredAndHandedToTheBrainWithWhatCameBefore() throws Exception {
    try (StoreThread thread = new StoreThread(SqliteStore.inMemory())) {
      var store = thread.history();
      store.submit(s -> {
        s.createConversation("c", null, 0);
        s.append(new NewEvent("c", "t0", EventType.USER_TEXT, "Hi.", null, null, 1));
        return s.append(new NewEvent("c", "t0", EventType.ASSISTANT_REPLY, "Hello.", "skill", null, 2));
      }).join();
      StageHarness h = new StageHarness(new HistoryStage(store, Clock.systemUTC(), 10).user());
      Turn turn = new Turn(Turn.Kind.VOICE, "c", false, "v", System::nanoTime);
      h.send(new PttPressed(turn, AudioFormat.STT), new Transcript(turn, "what time is it"));
      h.awaitDown(down -> down.size() == 3, 5_000);

      assertThat(h.down()).extracting(f -> f.getClass().getSimpleName())
          .containsExactly("TurnAccepted", "Transcript", "UserWords");
      assertThat(((UserWords) h.down().get(2)).context()).containsExactly(
          new ContextTurn(ContextTurn.Role.USER, "Hi."), new ContextTurn(ContextTurn.Role.ASSISTANT, "Hello."));
      assertThat(store.submit(s -> s.events("c")).join()).last().satisfies(e -> {
        assertThat(e.type()).isEqualTo(EventType.USER_TRANSCRIPT);
        assertThat(e.text()).isEqualTo("what time is it");
        assertThat(e.turnId()).isEqualTo(turn.id());
      });
    }
  }

  /**
   * Issue 18: past the window, the context's start moves half a window at a time, so the prompt keeps its start (and
   * a local model its cached prefix) for several turns instead of losing it on every turn.
   */
  @Test
  void aLongConversationsContextStartsAtAStepOfHalfTheWindow() throws Exception {
    try (StoreThread thread = new StoreThread(SqliteStore.inMemory())) {
      var store = thread.history();
      store.submit(s -> {
        s.createConversation("c", null, 0);
        for (int i = 0; i < 7; i++) {
          s.append(new NewEvent("c", "t" + i, EventType.USER_TEXT, "q" + i, null, null, 10 * i));
          s.append(new NewEvent("c", "t" + i, EventType.ASSISTANT_REPLY, "a" + i, "skill", null, 10 * i + 1));
        }
        return null;
      }).join();
      StageHarness h = new StageHarness(new HistoryStage(store, Clock.systemUTC(), 10).user());
      Turn turn = new Turn(Turn.Kind.VOICE, "c", false, "v", System::nanoTime);
      h.send(new PttPressed(turn, AudioFormat.STT), new Transcript(turn, "and then"));
      h.awaitDown(down -> down.size() == 3, 5_000);

      assertThat(((UserWords) h.down().get(2)).context()).as("14 events, a window of 10: the first 5 dropped")
          .extracting(ContextTurn::text).containsExactly("a2", "q3", "a3", "q4", "a4", "q5", "a5", "q6", "a6");
    }
  }

  /** Issue 18: words heard while the person speaks reach the brain with the context, before anything is stored. */
  @Test
  void partialTranscriptsAreFollowedByTheWordsHeardSoFarWithTheirContext() throws Exception {
    try (StoreThread thread = new StoreThread(SqliteStore.inMemory())) {
      var store = thread.history();
      store.submit(s -> {
        s.createConversation("c", null, 0);
        return s.append(new NewEvent("c", "t0", EventType.ASSISTANT_REPLY, "Hello.", "skill", null, 2));
      }).join();
      StageHarness h = new StageHarness(new HistoryStage(store, Clock.systemUTC(), 10).user());
      Turn turn = new Turn(Turn.Kind.VOICE, "c", false, "v", System::nanoTime);
      h.send(new PttPressed(turn, AudioFormat.STT), new PartialTranscript(turn, ""), new PartialTranscript(turn, "what"),
          new PartialTranscript(turn, "what time"));
      h.awaitDown(down -> down.size() == 6, 5_000);

      assertThat(h.down()).extracting(f -> f.getClass().getSimpleName()).containsExactly("TurnAccepted",
          "PartialTranscript", "PartialTranscript", "HeardSoFar", "PartialTranscript", "HeardSoFar");
      HeardSoFar last = (HeardSoFar) h.down().get(5);
      assertThat(last.text()).isEqualTo("what time");
      assertThat(last.context()).containsExactly(new ContextTurn(ContextTurn.Role.ASSISTANT, "Hello."));
      assertThat(store.submit(s -> s.events("c")).join()).as("nothing stored for partials").hasSize(1);
    }
  }

  @Test
  void anEmptyTranscriptPassesOnWithoutBeingStored() throws Exception {
    try (StoreThread thread = new StoreThread(SqliteStore.inMemory())) {
      var store = thread.history();
      store.submit(s -> s.createConversation("c", null, 0)).join();
      StageHarness h = new StageHarness(new HistoryStage(store, Clock.systemUTC(), 10).user());
      Turn turn = new Turn(Turn.Kind.VOICE, "c", false, "v", System::nanoTime);
      h.send(new Transcript(turn, ""));
      h.awaitDown(down -> !down.isEmpty(), 5_000);
      assertThat(h.down()).singleElement().isInstanceOf(Transcript.class);
      assertThat(store.submit(s -> s.events("c")).join()).isEmpty();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
