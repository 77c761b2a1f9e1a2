package dev.hearth.device;

import dev.hearth.device.ButtonGestures;
import dev.hearth.device.ButtonLoop;
import dev.hearth.device.StatusLights;
import dev.hearth.config.AudioConfig;
import dev.hearth.config.GpioConfig;
import dev.hearth.gpio.GpioChip;
import dev.hearth.gpio.GpioException;
import dev.hearth.gpio.Gpiod;
import dev.hearth.gpio.InputLine;
import dev.hearth.gpio.InputSettings;
import dev.hearth.gpio.OutputLine;
import dev.hearth.turn.ClientLink;
import dev.hearth.turn.TurnController;
import dev.hearth.turn.VoiceSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machine itself as a voice client: the GPIO button, the status LEDs, the microphone and the speaker. The
 * hardware is acquired first ({@link #open}, before the models load, so a wrong pin or device fails start-up at
 * once); {@link #attach} then joins it to a session once the server can take turns. Closing releases everything,
 * in reverse order.
 */
public final class LocalDevice implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalDevice.class);

  private final GpioConfig gpio;
  private final Gpiod library;
  private final GpioChip chip;
  private final InputLine button;
  private final List<OutputLine> leds;
  private final Microphone mic;
  private final Speaker speaker;
  private final Cues cues;
  private ScheduledExecutorService ledTimer;
  private StatusLights lights;
  private LocalClient client;
  private ButtonLoop loop;

  private LocalDevice(GpioConfig gpio, Gpiod library, GpioChip chip, InputLine button, List<OutputLine> leds,
      Microphone mic, Speaker speaker, Cues cues) {
    this.cues = cues;
    this.gpio = gpio;
    this.library = library;
    this.chip = chip;
    this.button = button;
    this.leds = leds;
    this.mic = mic;
    this.speaker = speaker;
  }

  /** Opens the chip, requests the button and LED lines, and finds the microphone and speaker. */
  public static LocalDevice open(GpioConfig gpio, AudioConfig audio) throws GpioException, AudioDeviceException {
    Gpiod library = gpio.library().isEmpty() ? Gpiod.load() : Gpiod.load(gpio.library());
    List<AutoCloseable> acquired = new ArrayList<>();
    try {
      GpioChip chip = library.openChip(gpio.chip());
      acquired.add(chip);
      InputLine button = chip.requestInput(gpio.buttonLine(), buttonSettings(gpio));
      acquired.add(button);
      List<OutputLine> leds = new ArrayList<>();
      for (int line : gpio.ledLines()) {
        OutputLine led = chip.requestOutput(line, gpio.ledActiveLow(), false);
        acquired.add(led);
        leds.add(led);
      }
      Microphone mic = AudioDevices.microphone(audio.inputDevice(), audio.inputRateHz());
      acquired.add(mic);
      Speaker speaker = AudioDevices.speaker(audio.outputDevice());
      return new LocalDevice(gpio, library, chip, button, leds, mic, speaker, Cues.of(audio.cues()));
    } catch (GpioException | AudioDeviceException | RuntimeException e) {
      for (int i = acquired.size() - 1; i >= 0; i--) {
        try {
          acquired.get(i).close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  private static InputSettings buttonSettings(GpioConfig gpio) {
    return new InputSettings(gpio.buttonActiveLow(), gpio.buttonPullUp(), gpio.debounceMillis());
  }

  /** Joins the hardware to a session made by {@code sessions}, and starts reading the button. */
  public synchronized void attach(Function<ClientLink, ? extends VoiceSession> sessions) {
    ledTimer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "hearth-leds");
      t.setDaemon(true);
      return t;
    });
    lights = new StatusLights(leds, ledTimer, System::currentTimeMillis);
    client = new LocalClient(sessions, mic, speaker, lights::error, cues);
    client.onStateChange(lights); // the session's state, SPEAKING until the speaker has played the answer out
    client.onNewConversation(lights::newConversation);
    ButtonGestures gestures = new ButtonGestures(client, gpio.longPressMillis(), gpio.debounceMillis(), !button.kernelDebounced());
    // a failed line is requested again from the same chip (the LEDs' lines stay), the lights showing an error meanwhile
    loop = new ButtonLoop(button, () -> chip.requestInput(gpio.buttonLine(), buttonSettings(gpio)), gestures, System::nanoTime,
        lights::fault).start();
    log.info("push-to-talk button on line {} of {} ({}){}", gpio.buttonLine(), gpio.chip(), library,
        leds.isEmpty() ? "" : ", status LEDs on lines " + gpio.ledLines());
  }

  @Override
  public synchronized void close() {
    if (loop != null) loop.close(); // stops reading, then releases the button line
    else button.close();
    if (client != null) client.close(); // the microphone, the session, the speaker
    else {
      mic.close();
      speaker.close();
    }
    if (lights != null) lights.close(); // turns the LEDs off and releases them
    else leds.forEach(OutputLine::close);
    if (ledTimer != null) ledTimer.shutdownNow();
    chip.close();
  }
}
