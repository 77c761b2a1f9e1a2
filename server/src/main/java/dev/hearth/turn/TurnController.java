package dev.hearth.turn;

import dev.hearth.audio.AudioFormat;
import dev.hearth.protocols.page.ServerMessage;
import dev.hearth.turn.Frame.Announcement;
import dev.hearth.turn.Frame.AudioIn;
import dev.hearth.turn.Frame.EndOfTurn;
import dev.hearth.turn.Frame.ErrorFrame;
import dev.hearth.turn.Frame.Interrupt;
import dev.hearth.turn.Frame.PttPressed;
import dev.hearth.turn.Frame.PttReleased;
import dev.hearth.turn.Frame.SpeakingStarted;
import dev.hearth.turn.Frame.SystemFrame;
import dev.hearth.turn.Frame.TextIn;
import java.util.ArrayDeque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's session: the only writer of its {@link State}. Browser push-to-talk, typed text and timer
 * announcements all enter here and become frames in the session's pipeline, and the session is that pipeline's
 * sink at both ends: errors leave its head, and {@code SpeakingStarted} and {@code EndOfTurn} its tail. The end of
 * a turn arrives once its reply is stored; the session then sends {@code turn_done} (the only place that does).
 * Methods return at once; the work happens on the pipeline's executors. A new turn while one is running is a
 * barge-in.
 */
public final class TurnController implements VoiceSession {
  private static final Logger log = LoggerFactory.getLogger(TurnController.class);

  public enum State { IDLE, LISTENING, THINKING, SPEAKING, CLOSED }

  /** Where the server keeps its sessions. */
  public interface Registry {
    /** The session now follows {@code conversationId}; announcements for it should reach the session. */
    void follows(TurnController session, String conversationId);
  }

  private final ClientLink link;
  private final Pipeline pipeline;
  private final Registry registry;
  private final String defaultVoice;
  private final LongSupplier nanoClock;
  private final ArrayDeque<Announcement> waiting = new ArrayDeque<>();

  private State state = State.IDLE;
  private final List<Consumer<State>> stateListeners = new CopyOnWriteArrayList<>();
  private Turn turn;
  private String conversationId;
  private boolean audioErrorSent;

  /**
   * @param stages this session's turn, stage by stage (ending with a {@link ClientOutput} on {@code link}); the
   *     session links them, itself at both ends
   * @param nanoClock the clock of the turns' timings, on {@link System#nanoTime}'s scale
   */
  public TurnController(ClientLink link, Pipeline.Builder stages, Registry registry, String defaultVoice,
      LongSupplier nanoClock) {
    this.link = link;
    this.registry = registry;
    this.defaultVoice = defaultVoice;
    this.nanoClock = nanoClock;
    this.pipeline = stages.build(this::upstream, this::downstream);
  }

  public synchronized State state() {
    return state;
  }

  /**
   * Calls {@code listener} with every state this session enters from now on (LEDs, sounds: feedback that follows
   * the turn and never drives it). It runs under the session's lock and must return at once.
   */
  public void onStateChange(Consumer<State> listener) {
    stateListeners.add(listener);
  }

  private void enter(State next) {
    if (next == state) return;
    state = next;
    for (Consumer<State> l : stateListeners) l.accept(next);
  }

  /** The conversation this session is bound to, or null. */
  public synchronized String conversationId() {
    return conversationId;
  }

  /**
   * Sends the client a message that concerns no turn ({@code list_changed}): at once, whatever the session is doing.
   */
  public void inform(ServerMessage message) {
    link.send(message);
  }

  /** Binds the session to a conversation without a turn (to hear its announcements). */
  public synchronized void follow(String conversationId) {
    this.conversationId = conversationId;
    registry.follows(this, conversationId);
  }

  /** Push-to-talk pressed. {@code conversationId} null starts a new conversation. */
  public synchronized void start(AudioFormat format, String conversationId, String voice) {
    Turn t = begin(Turn.Kind.VOICE, conversationId, voice);
    enter(State.LISTENING);
    audioErrorSent = false;
    pipeline.send(new PttPressed(t, format));
  }

  /** Audio while listening; anything else is answered with one {@code audio_without_start} error per turn. */
  public synchronized void audio(byte[] pcm) {
    if (state != State.LISTENING) {
      if (!audioErrorSent) {
        audioErrorSent = true;
        error("audio_without_start", "Binary audio arrived while not listening; send start first.", null);
      }
      return;
    }
    pipeline.send(new AudioIn(turn, pcm));
  }

  /** Push-to-talk released. */
  public synchronized void stop() {
    if (state != State.LISTENING) {
      error("not_listening", "stop arrived while not listening.", null);
      return;
    }
    enter(State.THINKING);
    audioErrorSent = true; // late frames after release are dropped silently
    turn.markReleased();
    pipeline.send(new PttReleased(turn));
  }

  /** A typed turn. */
  public synchronized void text(String text, String conversationId, String voice) {
    Turn t = begin(Turn.Kind.TEXT, conversationId, voice);
    enter(State.THINKING);
    t.markReleased();
    pipeline.send(new TextIn(t, text));
  }

  /** Stops whatever the session is doing. */
  public synchronized void cancel() {
    interrupt();
    enter(State.IDLE);
    announceNext();
  }

  /**
   * Says something on the server's own initiative, as soon as the session is idle. {@code conversationId} is the
   * conversation it concerns (a timer's), which need not be the one the session follows.
   */
  public synchronized void announce(String kind, String text, String id, String conversationId) {
    if (state == State.CLOSED) return;
    Turn t = new Turn(Turn.Kind.ANNOUNCEMENT, conversationId, false, defaultVoice, nanoClock);
    waiting.add(new Announcement(t, kind, text, id));
    if (state == State.IDLE) announceNext();
  }

  /** Drops the announcements of {@code id} (a timer's or an alarm's) still waiting to be said: it stopped ringing. */
  public synchronized void withdraw(String id) {
    waiting.removeIf(a -> a.id().equals(id));
  }

  /** The socket closed: release everything. */
  public synchronized void close() {
    interrupt();
    waiting.clear();
    enter(State.CLOSED);
  }

  /** Frames leaving the tail of the pipeline: the turn's audio started, or the turn is over and its reply stored. */
  private synchronized void downstream(Frame frame) {
    if (!(frame instanceof SystemFrame) && frame.turn().cancelled()) return; // a cancelled turn ends without turn_done
    if (frame instanceof SpeakingStarted s) {
      if (s.turn() == turn && state == State.THINKING) enter(State.SPEAKING);
    } else if (frame instanceof EndOfTurn e) {
      finished(e.turn());
    }
  }

  private void finished(Turn t) {
    boolean current = t == turn;
    if (current) {
      if (t.nextConversationId() != null) follow(t.nextConversationId()); // "start a new conversation", stored with the reply
      turn = null;
      if (state != State.CLOSED) enter(State.IDLE);
    }
    if (t.kind() != Turn.Kind.ANNOUNCEMENT) link.send(new ServerMessage.TurnDone(t.id(), conversationId, t.timings()));
    if (current) announceNext();
  }

  /** Errors leaving the head of the pipeline: report, end the turn. */
  private synchronized void upstream(Frame frame) {
    if (!(frame instanceof ErrorFrame e)) return;
    if (e.cause() != null) log.debug("turn {} failed in {}", e.turn().id(), e.stage(), e.cause());
    if (e.turn() != turn) return; // a turn already replaced: its errors no longer matter
    // the client streams until it reads the error: those frames are expected, not a protocol mistake
    if (state == State.LISTENING) audioErrorSent = true;
    error(e.code(), e.message(), e.turn().id());
    interrupt();
    enter(State.IDLE);
    announceNext();
  }

  /** Sends a protocol error that does not end a turn (bad input at the edge). */
  public void error(String code, String message, String turnId) {
    link.send(new ServerMessage.Error(code, message, turnId));
  }

  private Turn begin(Turn.Kind kind, String requestedConversation, String voice) {
    if (state == State.CLOSED) throw new IllegalStateException("session closed");
    interrupt(); // barge-in
    boolean fresh = requestedConversation == null;
    String cid = fresh ? UUID.randomUUID().toString() : requestedConversation;
    Turn t = new Turn(kind, cid, fresh, voice != null ? voice : defaultVoice, nanoClock);
    turn = t;
    follow(cid);
    return t;
  }

  private void interrupt() {
    if (turn != null) {
      turn.cancel();
      pipeline.send(new Interrupt(turn));
      turn = null;
    }
  }

  private void announceNext() {
    if (state != State.IDLE || waiting.isEmpty()) return;
    Announcement a = waiting.poll();
    turn = a.turn();
    enter(State.SPEAKING);
    pipeline.send(a);
  }
}
