package dev.hearth.device;

import dev.hearth.audio.AudioFormat;
import dev.hearth.device.ButtonGestures;
import dev.hearth.protocols.page.ServerMessage;
import dev.hearth.turn.ClientLink;
import dev.hearth.turn.TurnController;
import dev.hearth.turn.VoiceSession;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machine's own microphone, speaker and push-to-talk button as one client of the voice turn: the same session
 * ({@link TurnController}) a browser gets, with the button's gestures as its push-to-talk and the speaker as its
 * way out. Its turns continue one conversation until a long press starts a new one.
 *
 * <p>Feedback at the device (the status lights) follows {@link #onStateChange}: the session's state, except that
 * SPEAKING lasts until the speaker has played the answer out. The session is done, and IDLE, once it has sent the
 * last of the audio, while the speaker still has seconds of it to play.
 */
public final class LocalClient implements ClientLink, ButtonGestures.Actions, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalClient.class);

  private final VoiceSession session;
  private final Microphone mic;
  private final Speaker speaker;
  private final Runnable onError;
  private final Cues cues;
  private volatile String conversationId;
  private volatile boolean heardSpeech;
  private final List<Consumer<TurnController.State>> listeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> newConversationListeners = new CopyOnWriteArrayList<>();
  /** Guards the two states below; never held while calling into the session (its listeners run under its lock). */
  private final Object feedback = new Object();
  private TurnController.State sessionState = TurnController.State.IDLE;
  private TurnController.State shown = TurnController.State.IDLE;

  /**
   * @param sessions makes the session this client talks to (given the client as its link)
   * @param onError called when a turn fails (the status lights show it)
   */
  public LocalClient(Function<ClientLink, ? extends VoiceSession> sessions, Microphone mic, Speaker speaker, Runnable onError) {
    this(sessions, mic, speaker, onError, Cues.of(false));
  }

  /** As above, playing {@code cues} when listening starts and stops, and when a long press starts a new conversation. */
  public LocalClient(Function<ClientLink, ? extends VoiceSession> sessions, Microphone mic, Speaker speaker, Runnable onError,
      Cues cues) {
    this.cues = cues;
    this.mic = mic;
    this.speaker = speaker;
    this.onError = onError;
    this.session = sessions.apply(this);
    session.onStateChange(this::sessionStateChanged);
    speaker.onDrained(this::speakerDrained);
  }

  /**
   * Calls {@code listener} with each state the device shows from now on: the session's, with SPEAKING held until
   * the speaker has played the answer out. It must return at once.
   */
  public void onStateChange(Consumer<TurnController.State> listener) {
    listeners.add(listener);
  }

  /** Calls {@code listener} when a long press has started a new conversation (the lights flash); it must return at once. */
  public void onNewConversation(Runnable listener) {
    newConversationListeners.add(listener);
  }

  private void sessionStateChanged(TurnController.State next) {
    synchronized (feedback) {
      sessionState = next;
      if (next == TurnController.State.IDLE && shown == TurnController.State.SPEAKING && speaker.sounding()) return;
      show(next);
    }
  }

  private void speakerDrained() {
    synchronized (feedback) {
      if (shown == TurnController.State.SPEAKING && sessionState == TurnController.State.IDLE) show(TurnController.State.IDLE);
    }
  }

  private void show(TurnController.State next) {
    if (next == shown) return;
    shown = next;
    for (Consumer<TurnController.State> l : listeners) l.accept(next);
  }

  /** The session this client talks to. */
  public VoiceSession session() {
    return session;
  }

  /** The conversation the next turn continues, or null for a new one. */
  public String conversationId() {
    return conversationId;
  }

  // ---- the session's messages, as a browser would get them

  @Override
  public void send(ServerMessage message) {
    if (message instanceof ServerMessage.Ready r) {
      conversationId = r.conversationId();
    } else if (message instanceof ServerMessage.Transcript t) {
      if (!t.text().isBlank()) heardSpeech = true;
    } else if (message instanceof ServerMessage.AudioStart a) {
      speaker.begin(AudioFormat.pcm16(a.sampleRate(), a.channels()));
    } else if (message instanceof ServerMessage.Error e) {
      log.warn("turn failed: {} ({})", e.message(), e.code());
      onError.run();
    }
  }

  @Override
  public void sendAudio(byte[] pcm) {
    speaker.write(pcm);
  }

  // ---- the button

  @Override
  public void listen() {
    heardSpeech = false;
    speaker.flush();
    cue(cues.start());
    AudioFormat format;
    try {
      format = mic.open();
    } catch (AudioDeviceException e) {
      log.error("{}", e.getMessage());
      onError.run();
      return;
    }
    session.start(format, conversationId, null);
    try {
      mic.start(session::audio);
    } catch (AudioDeviceException e) {
      log.error("{}", e.getMessage());
      session.cancel();
      onError.run();
    }
  }

  @Override
  public void answer() {
    mic.stop();
    cue(cues.stop());
    if (session.state() == TurnController.State.LISTENING) session.stop();
  }

  private void cue(byte[] pcm) {
    if (pcm.length == 0) return;
    speaker.begin(Cues.FORMAT);
    speaker.write(pcm);
  }

  @Override
  public void bargeIn() {
    session.cancel();
    speaker.flush();
  }

  @Override
  public void newConversation() {
    mic.stop();
    session.cancel();
    conversationId = null;
    cue(cues.newConversation());
    for (Runnable l : newConversationListeners) l.run();
    log.info("new conversation: the next turn starts one");
  }

  @Override
  public boolean answering() {
    TurnController.State s = session.state();
    return s == TurnController.State.THINKING || s == TurnController.State.SPEAKING;
  }

  @Override
  public boolean heardSpeech() {
    return heardSpeech;
  }

  @Override
  public void close() {
    mic.close();
    session.close();
    speaker.close();
  }
}
