package dev.hearth.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdmissionTest {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  @Test
  void requestsBeyondTheActiveOnesWaitInTurnAndBeyondTheQueueAreRefusedAtOnce() throws Exception {
    Admission admission = new Admission("The MaryTTS API", 1, 1, 60_000, timer);
    Admission.Permit first = admission.enter().get(1, TimeUnit.SECONDS);
    CompletableFuture<Admission.Permit> second = admission.enter();
    CompletableFuture<Admission.Permit> third = admission.enter();
    assertThat(second).isNotDone();
    assertThatThrownBy(third::get).isInstanceOf(ExecutionException.class).cause().isInstanceOf(Busy.class)
        .hasMessage("The MaryTTS API is serving 1 requests and 1 more are waiting; try again in 60 s");
    first.close();
    first.close(); // once only
    second.get(1, TimeUnit.SECONDS).close();
    assertThat(admission.active()).isZero();
  }

  @Test
  void aRequestThatWaitsTooLongIsRefusedWithWhenToTryAgain() throws Exception {
    Admission admission = new Admission("Wyoming", 1, 4, 100, timer);
    Admission.Permit first = admission.enter().get(1, TimeUnit.SECONDS);
    assertThatThrownBy(() -> admission.enter().get()).isInstanceOf(ExecutionException.class).cause().isInstanceOf(Busy.class)
        .hasMessage("Wyoming had no free place within 100 ms; try again in 1 s")
        .satisfies(e -> assertThat(((Busy) e).retryAfterSeconds()).isEqualTo(1));
    first.close();
    assertThat(admission.active()).isZero();
    admission.enter().get(1, TimeUnit.SECONDS).close();
  }
}
