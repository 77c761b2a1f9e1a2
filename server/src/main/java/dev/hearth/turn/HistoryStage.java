package dev.hearth.turn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.audio.AudioChunk;
import dev.hearth.brain.ContextTurn;
import dev.hearth.brain.ContextWindow;
import dev.hearth.brain.Reply;
import dev.hearth.store.EventType;
import dev.hearth.store.HistoryStore;
import dev.hearth.store.NewEvent;
import dev.hearth.store.StoreExecutor;
import dev.hearth.turn.Frame.EndOfTurn;
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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of a session's history, at two places in the pipeline, like the two ends of a conversation.
 *
 * <p>Its user side ({@link #user()}), before the brain: on {@code PttPressed} or {@code TextIn} it finds or creates
 * the turn's conversation and emits {@code TurnAccepted} (or ends the turn with {@code unknown_conversation}); on a
 * {@code TextIn} or a non-empty {@code Transcript} it stores the user's words and emits {@code UserWords} with the
 * conversation's earlier events as the brain's context. It consumes {@code PttPressed} and {@code TextIn}; the
 * {@code Transcript} passes on, an empty one (nothing was heard) without being stored. Each {@code PartialTranscript}
 * passes on, followed by {@code HeardSoFar}: its words with the context read when the turn was admitted, so the brain
 * can prepare while the person speaks.
 *
 * <p>This stage itself, after the client output: writes the assistant's reply with its source and timings once
 * its audio has been sent, so the history holds what was actually spoken. A turn's {@code EndOfTurn} passes on
 * only once its reply is committed, so the end of the turn that the session announces is a reply that survives a
 * crash; when the reply cannot be stored the turn ends with a {@code history_failed} error upstream instead. A reply
 * that starts a new conversation has that conversation stored with it, before the end of the turn names it.
 *
 * <p>The store works on its own thread and neither side waits for it: each passes every frame on in order, held
 * back behind the store work queued before it.
 */
public final class HistoryStage extends Stage {
  private static final Logger log = LoggerFactory.getLogger(HistoryStage.class);
  private static final ObjectMapper json = new ObjectMapper();
  private static final List<EventType> CONTEXT_TYPES =
      List.of(EventType.USER_TRANSCRIPT, EventType.USER_TEXT, EventType.ASSISTANT_REPLY);

  private final StoreExecutor<HistoryStore> store;
  private final Clock clock;
  private final int contextEvents;
  private final UserSide user = new UserSide();
  private final InOrder replies = new InOrder(this);
  private Turn turn;
  private Reply reply;

  /** @param contextEvents how many earlier events of the conversation the brain sees */
  public HistoryStage(StoreExecutor<HistoryStore> store, Clock clock, int contextEvents) {
    this.store = store;
    this.clock = clock;
    this.contextEvents = contextEvents;
  }

  /** The user's side of the history: put it before the brain. */
  public Stage user() {
    return user;
  }

  @Override
  protected void process(Frame frame) throws JsonProcessingException {
    if (frame instanceof ReplyDone d) {
      turn = d.turn();
      reply = d.reply();
    }
    if (!(frame instanceof EndOfTurn e && e.turn() == turn && reply != null)) {
      replies.then(frame, () -> push(frame, Direction.DOWNSTREAM));
      return;
    }
    String data = json.writeValueAsString(reply.detail() == null ? Map.of("timings", turn.timings())
        : Map.of("timings", turn.timings(), "detail", reply.detail()));
    long now = clock.millis();
    NewEvent event = new NewEvent(turn.conversationId(), turn.id(), EventType.ASSISTANT_REPLY, reply.text(),
        reply.source(), data, now);
    // "start a new conversation": the new one is stored before the turn's end names it
    String nextConversation = reply.action() == Reply.Action.NEW_CONVERSATION ? UUID.randomUUID().toString() : null;
    Turn ended = turn;
    turn = null;
    reply = null;
    replies.store(e, s -> {
      s.append(event);
      if (nextConversation != null) s.createConversation(nextConversation, null, now);
      return true;
    }, (stored, err) -> {
      if (err == null) {
        if (nextConversation != null) ended.nextConversationStored(nextConversation);
        push(e, Direction.DOWNSTREAM);
      } else {
        log.error("Could not store the reply of turn {}", event.turnId(), err);
        pushError(e, "history_failed", "The answer was spoken but could not be saved in the history: "
            + reason(err), err);
      }
    });
  }

  private final class UserSide extends Stage {
    private final InOrder order = new InOrder(this);
    /** The turn last admitted and its conversation's context then, for its partial transcripts. */
    private volatile Turn admitted;
    private volatile List<ContextTurn> admittedContext = List.of();

    @Override
    protected void process(Frame frame) {
      if (frame instanceof PttPressed || frame instanceof TextIn) admit(frame.turn(), frame);
      if (frame instanceof TextIn t) {
        remember(t, t.text(), EventType.USER_TEXT, null);
      } else if (frame instanceof PartialTranscript p) {
        order.then(p, () -> {
          push(p, Direction.DOWNSTREAM);
          if (p.turn() == admitted && !p.text().isBlank()) {
            push(new HeardSoFar(p.turn(), p.text(), admittedContext), Direction.DOWNSTREAM);
          }
        });
      } else if (frame instanceof Transcript t && !t.text().isBlank()) {
        order.then(t, () -> push(t, Direction.DOWNSTREAM));
        remember(t, t.text(), EventType.USER_TRANSCRIPT, t.audio());
      } else if (!(frame instanceof PttPressed)) {
        order.then(frame, () -> push(frame, Direction.DOWNSTREAM));
      }
    }

    /** Finds or creates the conversation: the turn is accepted, or ends with {@code unknown_conversation}. */
    private void admit(Turn turn, Frame frame) {
      long now = clock.millis();
      order.store(frame, s -> {
        if (turn.newConversation()) {
          s.createConversation(turn.conversationId(), null, now);
          return List.<ContextTurn>of();
        }
        if (s.conversation(turn.conversationId()).isEmpty()) return null;
        return frame instanceof PttPressed ? context(s, turn) : List.<ContextTurn>of(); // spoken: for partials
      }, (context, err) -> {
        if (err != null) {
          failed(frame, "Could not open the conversation: ", err);
        } else if (context == null) {
          turn.cancel();
          pushError(frame, "unknown_conversation", "There is no conversation " + turn.conversationId()
              + "; leave conversation_id out to start a new one.", null);
        } else {
          admittedContext = context;
          admitted = turn;
          push(new TurnAccepted(turn), Direction.DOWNSTREAM);
        }
      });
    }

    /** Stores the user's words of a turn still running, then hands them on with the context read before them. */
    private void remember(Frame frame, String text, EventType type, AudioChunk heard) {
      Turn turn = frame.turn();
      NewEvent words = new NewEvent(turn.conversationId(), turn.id(), type, text, null, null, clock.millis());
      order.store(frame, s -> {
        if (turn.cancelled()) return null;
        List<ContextTurn> context = context(s, turn);
        s.append(words);
        return context;
      }, (context, err) -> {
        if (err != null) failed(frame, "Could not store the user's words: ", err);
        else if (context != null) push(new UserWords(turn, text, heard, context), Direction.DOWNSTREAM);
      });
    }

    /** The conversation's recent events, oldest first, as the brain's context ({@link ContextWindow}). */
    private List<ContextTurn> context(HistoryStore s, Turn turn) {
      int shown = ContextWindow.length(s.countEvents(turn.conversationId(), CONTEXT_TYPES), contextEvents);
      return s.recentEvents(turn.conversationId(), CONTEXT_TYPES, shown).stream()
          .map(e -> new ContextTurn(e.type() == EventType.ASSISTANT_REPLY ? ContextTurn.Role.ASSISTANT
              : ContextTurn.Role.USER, e.text()))
          .toList();
    }

    private void failed(Frame frame, String what, Throwable err) {
      log.error("{}turn {}", what, frame.turn().id(), err);
      frame.turn().cancel();
      pushError(frame, "internal", what + reason(err), err);
    }

    @Override
    public String name() {
      return "HistoryStage.User";
    }
  }

  /** A stage's frames passed on in order without waiting: each step runs once every step queued before it has. */
  private final class InOrder {
    private final Stage stage;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    InOrder(Stage stage) {
      this.stage = stage;
    }

    /** Queues {@code step} (passing {@code frame} on, say). */
    void then(Frame frame, Runnable step) {
      chain(frame, tail.thenRun(step));
    }

    /** Queues {@code work} on the store, then {@code after} with its result, or with the failure. */
    <T> void store(Frame frame, Function<HistoryStore, T> work, BiConsumer<T, Throwable> after) {
      chain(frame, tail.thenCompose(v -> store.submit(work)).handle((result, err) -> {
        after.accept(result, err);
        return null;
      }));
    }

    private void chain(Frame frame, CompletableFuture<Void> step) {
      tail = step.exceptionally(err -> {
        log.warn("{} could not pass {} of turn {} on", stage.name(), frame.getClass().getSimpleName(),
            frame.turn().id(), err);
        return null;
      });
    }
  }

  private static String reason(Throwable err) {
    return (err.getCause() != null ? err.getCause() : err).getMessage();
  }
}
