package dev.hearth.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.device.StatusLights.Shown;
import dev.hearth.gpio.OutputLine;
import dev.hearth.turn.TurnController.State;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The LED patterns, and that the lights follow the turn's state and only touch a line when its level changes. */
class StatusLightsTest {
  /** Records every level it is set to; {@code failing} makes set() throw, as a line whose chip went away does. */
  static final class FakeLed implements OutputLine {
    final int offset;
    final List<Boolean> levels = new ArrayList<>();
    boolean failing;
    boolean closed;

    FakeLed(int offset) {
      this.offset = offset;
    }

    @Override public int offset() { return offset; }

    @Override public void set(boolean active) {
      if (failing) throw new IllegalStateException("line " + offset + " is released");
      levels.add(active);
    }

    @Override public void close() { closed = true; }
  }

  private final AtomicLong now = new AtomicLong(10_000);

  @Test
  void oneLedShowsTheTurnByItsPattern() {
    assertThat(StatusLights.levels(Shown.IDLE, 1, 0)).containsExactly(false);
    assertThat(StatusLights.levels(Shown.LISTENING, 1, 0)).containsExactly(true);
    assertThat(StatusLights.levels(Shown.LISTENING, 1, 777)).containsExactly(true);
    assertThat(StatusLights.levels(Shown.THINKING, 1, 0)).containsExactly(true);
    assertThat(StatusLights.levels(Shown.THINKING, 1, 130)).containsExactly(false);
    assertThat(StatusLights.levels(Shown.SPEAKING, 1, 400)).containsExactly(true);
    assertThat(StatusLights.levels(Shown.SPEAKING, 1, 600)).containsExactly(false);
    assertThat(StatusLights.levels(Shown.ERROR, 1, 50)).containsExactly(true);
    assertThat(StatusLights.levels(Shown.ERROR, 1, 150)).containsExactly(false);
    assertThat(StatusLights.levels(Shown.ERROR, 1, 250)).containsExactly(true);
    assertThat(StatusLights.levels(Shown.ERROR, 1, 600)).containsExactly(false);
  }

  @Test
  void fourLedsHaveOneStateEach() {
    assertThat(StatusLights.levels(Shown.IDLE, 4, 0)).containsExactly(false, false, false, false);
    assertThat(StatusLights.levels(Shown.LISTENING, 4, 0)).containsExactly(true, false, false, false);
    assertThat(StatusLights.levels(Shown.THINKING, 4, 130)).containsExactly(false, true, false, false);
    assertThat(StatusLights.levels(Shown.SPEAKING, 4, 600)).containsExactly(false, false, true, false);
    assertThat(StatusLights.levels(Shown.ERROR, 4, 150)).containsExactly(false, false, false, true);
  }

  @Test
  void twoOrThreeLedsAreRefusedRatherThanLeftDark() {
    assertThatThrownBy(() -> new StatusLights(List.of(new FakeLed(5), new FakeLed(6)), null, now::get))
        .hasMessage("status lights take one LED or four, not 2");
  }

  @Test
  void theLightsFollowTheTurnAndShowAnErrorForAWhile() {
    FakeLed led = new FakeLed(27);
    StatusLights lights = new StatusLights(List.of(led), null, now::get);
    lights.accept(State.LISTENING);
    lights.refresh(now.get());
    lights.refresh(now.get() + 25); // unchanged: the line is not touched again
    lights.accept(State.THINKING);
    assertThat(lights.shown(now.get())).isEqualTo(Shown.THINKING);
    lights.error();
    assertThat(lights.shown(now.get() + 2999)).isEqualTo(Shown.ERROR);
    assertThat(lights.shown(now.get() + 3000)).isEqualTo(Shown.THINKING);
    lights.accept(State.CLOSED);
    assertThat(lights.shown(now.get() + 3000)).isEqualTo(Shown.IDLE);
    lights.refresh(now.get() + 3000);
    assertThat(led.levels).containsExactly(true, false);
    lights.close();
    assertThat(led.levels).containsExactly(true, false, false);
    assertThat(led.closed).isTrue();
  }

  /** A long press started a new conversation with nothing to see: now the lights flash three times. */
  @Test
  void aNewConversationFlashesThreeTimesThenTheLightsFollowTheTurnAgain() {
    FakeLed led = new FakeLed(27);
    StatusLights lights = new StatusLights(List.of(led), null, now::get);
    now.set(10_050); // not on a pattern boundary: the flash counts from the press
    lights.newConversation();
    assertThat(lights.shown(now.get() + 599)).isEqualTo(Shown.NEW_CONVERSATION);
    assertThat(lights.shown(now.get() + 600)).isEqualTo(Shown.IDLE);
    for (long t = now.get(); t <= now.get() + 700; t += StatusLights.FRAME_MILLIS) lights.refresh(t);
    assertThat(led.levels).containsExactly(true, false, true, false, true, false);
    assertThat(StatusLights.levels(Shown.NEW_CONVERSATION, 4, 50)).containsExactly(true, true, true, true);
    assertThat(StatusLights.levels(Shown.NEW_CONVERSATION, 4, 150)).containsExactly(false, false, false, false);
    lights.error(); // an error outranks it
    assertThat(lights.shown(now.get() + 100)).isEqualTo(Shown.ERROR);
  }

  @Test
  void aFaultShowsAnErrorUntilItIsCleared() {
    StatusLights lights = new StatusLights(List.of(new FakeLed(27)), null, now::get);
    lights.accept(State.LISTENING);
    lights.fault(true);
    assertThat(lights.shown(now.get() + 60_000)).isEqualTo(Shown.ERROR); // longer than an error's 3 s
    lights.fault(false);
    assertThat(lights.shown(now.get() + 60_000)).isEqualTo(Shown.LISTENING);
  }

  @Test
  void aFailingLedDoesNotStopTheOthers() {
    FakeLed broken = new FakeLed(5);
    broken.failing = true;
    List<FakeLed> leds = List.of(broken, new FakeLed(6), new FakeLed(13), new FakeLed(19));
    StatusLights lights = new StatusLights(List.copyOf(leds), null, now::get);
    lights.accept(State.THINKING);
    lights.refresh(now.get());
    assertThat(leds.get(1).levels).containsExactly(true);
    lights.close();
    assertThat(leds).allMatch(l -> l.closed);
  }
}
