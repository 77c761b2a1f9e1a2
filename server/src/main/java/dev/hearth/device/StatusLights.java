package dev.hearth.device;

import dev.hearth.gpio.GpioException;
import dev.hearth.gpio.OutputLine;
import dev.hearth.turn.TurnController;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LEDs that show what the turn is doing. They follow the session's state ({@link TurnController#onStateChange})
 * and never drive it. With four LEDs, one each for listening, thinking, speaking and error (all off when idle); with
 * one, its pattern shows it: off when idle, on while listening, a fast blink while thinking, a slow blink while
 * speaking, a double blink for an error. A long press that starts a new conversation flashes them three times
 * (all four together). Other counts are refused ({@code gpio.led_lines} is checked at start-up).
 */
public final class StatusLights implements Consumer<TurnController.State>, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StatusLights.class);
  /** How often the patterns are redrawn. */
  static final long FRAME_MILLIS = 25;
  /** How long an error is shown before the lights follow the turn again. */
  static final long ERROR_MILLIS = 3000;
  /** How long the flash of a new conversation lasts: three blinks. */
  static final long NEW_CONVERSATION_MILLIS = 600;

  /** What the lights show. */
  public enum Shown { IDLE, LISTENING, THINKING, SPEAKING, ERROR, NEW_CONVERSATION }

  private final List<OutputLine> leds;
  private final LongSupplier millisClock;
  private final boolean[] lit;
  private final ScheduledFuture<?> redraw;
  private volatile Shown turnState = Shown.IDLE;
  private volatile long errorUntilMillis = Long.MIN_VALUE;
  private volatile boolean fault;
  private volatile long flashFromMillis = Long.MIN_VALUE;

  /** Drives {@code leds}, redrawing on {@code timer} every {@value #FRAME_MILLIS} ms. */
  public StatusLights(List<OutputLine> leds, ScheduledExecutorService timer, LongSupplier millisClock) {
    if (leds.size() != 0 && leds.size() != 1 && leds.size() != 4) {
      throw new IllegalArgumentException("status lights take one LED or four, not " + leds.size());
    }
    this.leds = List.copyOf(leds);
    this.millisClock = millisClock;
    this.lit = new boolean[leds.size()];
    this.redraw = timer == null ? null
        : timer.scheduleAtFixedRate(() -> refresh(millisClock.getAsLong()), 0, FRAME_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void accept(TurnController.State state) {
    turnState = switch (state) {
      case LISTENING -> Shown.LISTENING;
      case THINKING -> Shown.THINKING;
      case SPEAKING -> Shown.SPEAKING;
      case IDLE, CLOSED -> Shown.IDLE;
    };
  }

  /** Shows an error for {@value #ERROR_MILLIS} ms (a turn failed, the microphone is gone). */
  public void error() {
    errorUntilMillis = millisClock.getAsLong() + ERROR_MILLIS;
  }

  /** Shows an error for as long as {@code on} (the button's line has failed and is being requested again). */
  public void fault(boolean on) {
    fault = on;
  }

  /** Flashes for {@value #NEW_CONVERSATION_MILLIS} ms: a long press started a new conversation. */
  public void newConversation() {
    flashFromMillis = millisClock.getAsLong();
  }

  /** What the lights show at {@code nowMillis}. */
  public Shown shown(long nowMillis) {
    if (fault || nowMillis < errorUntilMillis) return Shown.ERROR;
    boolean flashing = flashFromMillis != Long.MIN_VALUE && nowMillis - flashFromMillis < NEW_CONVERSATION_MILLIS;
    return flashing ? Shown.NEW_CONVERSATION : turnState;
  }

  /**
   * Which of {@code count} LEDs are lit for {@code shown} at {@code nowMillis} (the patterns, as pure data); for
   * {@link Shown#NEW_CONVERSATION}, {@code nowMillis} counts from the flash's start.
   */
  static boolean[] levels(Shown shown, int count, long nowMillis) {
    boolean[] on = new boolean[count];
    if (count == 0 || shown == Shown.IDLE) return on;
    if (shown == Shown.NEW_CONVERSATION) {
      Arrays.fill(on, nowMillis % 200 < 100);
      return on;
    }
    if (count == 4) {
      on[shown.ordinal() - 1] = true;
      return on;
    }
    on[0] = switch (shown) {
      case LISTENING -> true;
      case THINKING -> nowMillis % 250 < 125;
      case SPEAKING -> nowMillis % 1000 < 500;
      case ERROR -> { long p = nowMillis % 1000; yield p < 100 || (p >= 200 && p < 300); }
      case IDLE, NEW_CONVERSATION -> false;
    };
    return on;
  }

  /** Sets every LED whose level changed for {@code nowMillis}. */
  void refresh(long nowMillis) {
    Shown shown = shown(nowMillis);
    boolean[] want = levels(shown, leds.size(), shown == Shown.NEW_CONVERSATION ? nowMillis - flashFromMillis : nowMillis);
    for (int i = 0; i < want.length; i++) {
      if (want[i] == lit[i]) continue;
      try {
        leds.get(i).set(want[i]);
        lit[i] = want[i];
      } catch (GpioException | RuntimeException e) {
        log.warn("status LED on line {}: {}", leds.get(i).offset(), e.getMessage());
      }
    }
  }

  /** Stops redrawing, turns the LEDs off and releases them. */
  @Override
  public void close() {
    if (redraw != null) redraw.cancel(false);
    for (OutputLine led : leds) {
      try {
        led.set(false);
      } catch (GpioException | RuntimeException e) {
        log.debug("status LED on line {} while closing: {}", led.offset(), e.getMessage());
      }
      led.close();
    }
  }
}
