package dev.hearth.device;

/**
 * What a push-to-talk button means to the turn: press = listen, release = answer, a press while the answer is being
 * thought of or spoken = barge-in (stop it and listen), and a long press with nothing said = a new conversation
 * (the listening turn is dropped). Holding the button while speaking is an ordinary turn, however long.
 *
 * <p>Fed logical edges (pressed or released), stamped with the kernel's time of the edge, and clock ticks, from one
 * thread, the button's event loop. With {@code softwareDebounce} (libgpiod v1 has no kernel debounce) an edge
 * within {@code debounceMillis} of the last accepted one is a bounce and ignored, however late it is read; once that
 * window has passed the loop reads the line ({@link #levelDue}, {@link #level}) and the button takes the level it
 * settled at, so a glitch shorter than the window cannot leave it pressed. Edges that do not change the state, and
 * edges older than the last accepted one, are ignored always.
 */
public final class ButtonGestures {
  /** The turn, as the button drives it. */
  public interface Actions {
    /** Start listening (a new turn). */
    void listen();

    /** The person let go: answer what was said. */
    void answer();

    /** Stop the answer being thought of or spoken. */
    void bargeIn();

    /** Drop the listening turn and start a new conversation. */
    void newConversation();

    /** Whether an answer is being thought of or spoken. */
    boolean answering();

    /** Whether the listening turn has heard any words yet. */
    boolean heardSpeech();
  }

  private final Actions actions;
  private final long longPressNanos;
  private final long debounceNanos;
  private final boolean softwareDebounce;
  private boolean pressed;
  private long lastEdgeNanos = Long.MIN_VALUE;
  /** The last accepted edge's window has not yet been checked against the line's level. */
  private boolean levelUnchecked;
  private long pressedAtNanos;
  /** The long press fired during this hold: its release is not an answer. */
  private boolean longPressFired;

  public ButtonGestures(Actions actions, long longPressMillis, long debounceMillis, boolean softwareDebounce) {
    if (longPressMillis <= 0) throw new IllegalArgumentException("long press must be longer than 0 ms");
    this.actions = actions;
    this.longPressNanos = longPressMillis * 1_000_000L;
    this.softwareDebounce = softwareDebounce;
    this.debounceNanos = softwareDebounce ? debounceMillis * 1_000_000L : 0;
  }

  /** An edge at {@code nanos} (the kernel's monotonic time of the edge, as {@link #tick}'s): {@code down} = pressed. */
  public void edge(boolean down, long nanos) {
    if (lastEdgeNanos != Long.MIN_VALUE && nanos - lastEdgeNanos < debounceNanos) return;
    if (down == pressed) return;
    change(down, nanos);
  }

  /**
   * Whether, at {@code nanos}, a software debounce window has ended without the line being read since: the loop
   * then reads the line and reports it to {@link #level}. Always false when the kernel debounces.
   */
  public boolean levelDue(long nanos) {
    return levelUnchecked && nanos - lastEdgeNanos >= debounceNanos;
  }

  /** Nanoseconds from {@code nanos} until {@link #levelDue} (0 when it is), or -1 when no level check is pending. */
  public long nanosUntilLevelDue(long nanos) {
    if (!levelUnchecked) return -1;
    return Math.max(0, lastEdgeNanos + debounceNanos - nanos);
  }

  /**
   * The line's level read at {@code nanos}, after a debounce window or when the line was (re)opened: the button
   * takes it, as an edge at {@code nanos}, when it differs from what the accepted edges left.
   */
  public void level(boolean down, long nanos) {
    levelUnchecked = false;
    if (down != pressed) change(down, nanos);
  }

  private void change(boolean down, long nanos) {
    lastEdgeNanos = nanos;
    levelUnchecked = softwareDebounce;
    pressed = down;
    if (down) {
      pressedAtNanos = nanos;
      longPressFired = false;
      if (actions.answering()) actions.bargeIn();
      actions.listen();
    } else if (!longPressFired) {
      actions.answer();
    }
  }

  /** Time passing at {@code nanos}: fires the long press once a silent hold reaches its length. */
  public void tick(long nanos) {
    if (pressed && !longPressFired && nanos - pressedAtNanos >= longPressNanos && !actions.heardSpeech()) {
      longPressFired = true;
      actions.newConversation();
    }
  }

  /** Whether the button is (debounced) down. */
  public boolean pressed() {
    return pressed;
  }
}
