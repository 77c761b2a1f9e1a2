package dev.hearth.app;

import dev.hearth.device.AudioDevices;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code hearth audio}: the machine's own sound devices, for the GPIO button's microphone and speaker. */
@Command(name = "audio", mixinStandardHelpOptions = true, description = "The machine's sound devices.",
    subcommands = {AudioCommand.Devices.class})
final class AudioCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "devices", mixinStandardHelpOptions = true,
      description = "List the microphones and speakers, with the index or name audio.input_device and audio.output_device take.")
  static final class Devices implements Callable<Integer> {
    @Override
    public Integer call() {
      var devices = AudioDevices.list();
      if (devices.isEmpty()) {
        System.out.println("No sound devices found (is ALSA installed, and is this user in the audio group?).");
        return 1;
      }
      System.out.printf("%-5s %-9s %-9s %s%n", "index", "capture", "playback", "name (description)");
      for (AudioDevices.Device d : devices) {
        System.out.printf("%-5d %-9s %-9s %s (%s)%n", d.index(), d.capture() ? "yes" : "-", d.playback() ? "yes" : "-",
            d.name(), d.description());
      }
      return 0;
    }
  }
}
