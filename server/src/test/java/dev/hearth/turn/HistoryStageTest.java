package dev.hearth.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.brain.Reply;
import dev.hearth.store.Event;
import dev.hearth.store.EventType;
import dev.hearth.store.SqliteStore;
import dev.hearth.store.StoreThread;
import dev.hearth.turn.Frame.EndOfTurn;
import dev.hearth.turn.Frame.ErrorFrame;
import dev.hearth.turn.Frame.ReplyDone;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class HistoryStageTest {

  /**
   * Issue 15: the turn's end was announced before its reply was committed. The stage now holds {@code EndOfTurn}
   * back until the reply's row is committed, so the {@code turn_done} sent after it announces a stored reply.
   */
  @Test
  void endOfTurnPassesOnOnlyAfterTheReplyIsCommitted() throws Exception {
    try (StoreThread store = new StoreThread(SqliteStore.inMemory())) {
      StageHarness h = new StageHarness(new HistoryStage(store.history(), Clock.systemUTC()));
      Turn turn = StageHarness.turn();
      CountDownLatch storeBusy = new CountDownLatch(1);
      store.history().submit(s -> {
        awaitQuietly(storeBusy); // the store thread is busy until released: nothing can commit meanwhile
        return null;
      });

      h.send(new ReplyDone(turn, Reply.of("It is noon.", "skill")), new EndOfTurn(turn));
      h.awaitDown(down -> down.size() == 1, 5_000);
      assertThat(h.down()).singleElement().isInstanceOf(ReplyDone.class);

      storeBusy.countDown();
      h.awaitDown(down -> down.size() == 2, 5_000);
      assertThat(h.down().get(1)).isInstanceOf(EndOfTurn.class);
      List<Event> stored = store.history().submit(s -> s.events("c")).join();
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
    try (StoreThread store = new StoreThread(SqliteStore.inMemory())) {
      StageHarness h = new StageHarness(new HistoryStage(store.history(), Clock.systemUTC()));
      Turn turn = StageHarness.turn();
      h.send(new ReplyDone(turn, new Reply("Starting a new conversation.", "skill", Reply.Action.NEW_CONVERSATION)),
          new EndOfTurn(turn));
      h.awaitDown(down -> down.size() == 2, 5_000);
      String next = turn.nextConversationId();
      assertThat(next).isNotNull().isNotEqualTo(turn.conversationId());
      assertThat(store.history().submit(s -> s.conversation(next)).join()).isPresent();

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
    try (StoreThread store = new StoreThread(closed)) {
      StageHarness h = new StageHarness(new HistoryStage(store.history(), Clock.systemUTC()));
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
    try (StoreThread store = new StoreThread(SqliteStore.inMemory())) {
      StageHarness h = new StageHarness(new HistoryStage(store.history(), Clock.systemUTC()));
      Turn announcement = StageHarness.turn();
      h.send(new EndOfTurn(announcement));
      h.awaitDown(down -> down.size() == 1, 5_000);
      assertThat(store.history().submit(s -> s.events("c")).join()).isEmpty();
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
