package dev.hearth.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.audio.PcmConverter;
import dev.hearth.audio.TestData;
import dev.hearth.audio.Wav;
import dev.hearth.device.ButtonGestures;
import dev.hearth.turn.TurnController;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The machine's own microphone and speaker through a real server (real Vosk, brain and MaryTTS): a button press
 * plays a recording into the turn from a fake Java Sound microphone, and the spoken answer's PCM reaches a fake
 * Java Sound speaker.
 */
class LocalClientTest {
  @TempDir
  static Path dataDir;
  private static Hearth hearth;

  @BeforeAll
  static void startServer() {
    hearth = TestServers.start(dataDir, TestServers.UNPACED); // the tests wait for whole answers
  }

  @AfterAll
  static void stopServer() {
    if (hearth != null) hearth.close();
  }

  private static byte[] recording(String name) throws Exception {
    AudioChunk wav = Wav.read(TestData.audio(name));
    assertThat(wav.format().rateHz()).isEqualTo(16_000);
    return wav.pcm();
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError(what + " did not happen within 30 s");
      Thread.sleep(10);
    }
  }

  @Test
  void aButtonPressPlaysTheMicrophoneIntoTheTurnAndTheAnswerReachesTheSpeaker() throws Exception {
    FakeLines.Microphone micLine = new FakeLines.Microphone(recording("ps_goforward.wav"));
    FakeLines.Speaker speakerLine = new FakeLines.Speaker();
    AtomicInteger errors = new AtomicInteger();
    List<TurnController.State> states = new CopyOnWriteArrayList<>();
    try (LocalClient client = new LocalClient(hearth::newSession,
        new Microphone(micLine, "fake mic", AudioFormat.pcm16(16_000, 1)), new Speaker(speakerLine, "fake speaker"),
        errors::incrementAndGet)) {
      client.session().onStateChange(states::add);
      ButtonGestures button = new ButtonGestures(client, 2000, 10, false);
      button.edge(true, 0);
      await(micLine::exhausted, "the recording being heard");
      await(client::heardSpeech, "a transcript");
      button.edge(false, 3_000_000_000L);
      await(() -> states.contains(TurnController.State.IDLE) && speakerLine.bytes() > 0, "the answer being played");
      assertThat(states).startsWith(TurnController.State.LISTENING, TurnController.State.THINKING);
      assertThat(speakerLine.format.getSampleRate()).isPositive();
      assertThat(errors).hasValue(0);
      assertThat(client.conversationId()).isNotNull(); // the next turn continues this conversation
      assertThat(micLine.isRunning()).isFalse();       // the microphone is closed between turns
    }
  }

  /** A USB microphone that captures at 48 kHz only: opened at its rate, the turn started at it, converted once for Vosk. */
  @Test
  void a48kHzOnlyMicrophoneIsHeardAtItsOwnRate() throws Exception {
    PcmConverter up = new PcmConverter(AudioFormat.pcm16(16_000, 1), 48_000);
    byte[] recording = recording("ps_goforward.wav");
    FakeLines.Microphone micLine = new FakeLines.Microphone(up.convert(recording, 0, recording.length).pcm());
    micLine.onlyRateHz = 48_000;
    FakeLines.Speaker speakerLine = new FakeLines.Speaker();
    AtomicInteger errors = new AtomicInteger();
    List<TurnController.State> states = new CopyOnWriteArrayList<>();
    try (LocalClient client = new LocalClient(hearth::newSession, Microphone.atDeviceRate(micLine, "hw:CARD=Device"),
        new Speaker(speakerLine, "fake speaker"), errors::incrementAndGet)) {
      client.session().onStateChange(states::add);
      ButtonGestures button = new ButtonGestures(client, 2000, 10, false);
      button.edge(true, 0);
      await(micLine::exhausted, "the recording being heard");
      await(client::heardSpeech, "a transcript");
      button.edge(false, 3_000_000_000L);
      await(() -> states.contains(TurnController.State.IDLE), "the answer");
      assertThat(micLine.format.getSampleRate()).isEqualTo(48_000f);
      assertThat(errors).hasValue(0);
      assertThat(TestServers.get(hearth.port(), "/api/conversations/" + client.conversationId()).body()).contains("go forward");
    }
  }

  @Test
  void aBusyMicrophoneIsAClearErrorAndNoTurn() throws Exception {
    FakeLines.Microphone micLine = new FakeLines.Microphone(new byte[0]);
    micLine.busy = true;
    AtomicInteger errors = new AtomicInteger();
    try (LocalClient client = new LocalClient(hearth::newSession,
        new Microphone(micLine, "hw:CARD=Device", AudioFormat.pcm16(48_000, 1)),
        new Speaker(new FakeLines.Speaker(), "fake speaker"), errors::incrementAndGet)) {
      client.listen();
      assertThat(errors).hasValue(1);
      assertThat(client.session().state()).isEqualTo(TurnController.State.IDLE);
      try {
        new Microphone(micLine, "hw:CARD=Device", AudioFormat.pcm16(48_000, 1)).start(b -> { });
        throw new AssertionError("a busy device opened");
      } catch (AudioDeviceException e) {
        assertThat(e).hasMessageStartingWith("cannot open the microphone hw:CARD=Device at 48000 Hz (Device or resource busy); "
            + "is it in use, or the wrong device? `arecord -l` lists them, and audio.input_device chooses one "
            + "(audio.input_rate_hz=0 finds a rate it takes)");
      }
    }
  }
}
