package dev.hearth.device;

import dev.hearth.audio.AudioFormat;
import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

/**
 * The machine's sound devices as Java Sound sees them (on Linux, ALSA's cards and the {@code default} device),
 * listed with stable indexes, and chosen by index, by name or part of one, or the system's default when the
 * setting is empty.
 */
public final class AudioDevices {
  /** A device that can capture, play, or both. */
  public record Device(int index, String name, String description, boolean capture, boolean playback) {}

  private AudioDevices() {}

  /** Every mixer that has a capture or playback data line, in Java Sound's order. */
  public static List<Device> list() {
    List<Device> out = new ArrayList<>();
    Mixer.Info[] infos = AudioSystem.getMixerInfo();
    for (int i = 0; i < infos.length; i++) {
      Mixer mixer = AudioSystem.getMixer(infos[i]);
      boolean capture = mixer.isLineSupported(new Line.Info(TargetDataLine.class));
      boolean playback = mixer.isLineSupported(new Line.Info(SourceDataLine.class));
      if (capture || playback) out.add(new Device(i, infos[i].getName(), infos[i].getDescription(), capture, playback));
    }
    return out;
  }

  /**
   * The microphone {@code wanted} names ("" = default), not yet open, capturing 16-bit mono at {@code rateHz}, or with
   * 0 at the device's own rate (16 kHz when it takes it; see {@link Microphone#atDeviceRate}).
   */
  public static Microphone microphone(String wanted, int rateHz) throws AudioDeviceException {
    String name = wanted.isEmpty() ? "(default)" : wanted;
    if (rateHz == 0) {
      var anyRate = new javax.sound.sampled.AudioFormat(AudioSystem.NOT_SPECIFIED, 16, 1, true, false);
      return Microphone.atDeviceRate((TargetDataLine) line(wanted, new DataLine.Info(TargetDataLine.class, anyRate), true), name);
    }
    AudioFormat format = AudioFormat.pcm16(rateHz, 1);
    Line line = line(wanted, new DataLine.Info(TargetDataLine.class, JavaSound.format(format)), true);
    return new Microphone((TargetDataLine) line, name, format);
  }

  /** The speaker {@code wanted} names ("" = default), not yet open. */
  public static Speaker speaker(String wanted) throws AudioDeviceException {
    DataLine.Info info = new DataLine.Info(SourceDataLine.class, JavaSound.format(AudioFormat.pcm16(24_000, 1)));
    Line line = line(wanted, info, false);
    return new Speaker((SourceDataLine) line, wanted.isEmpty() ? "(default)" : wanted);
  }

  private static Line line(String wanted, DataLine.Info info, boolean capture) throws AudioDeviceException {
    String kind = capture ? "microphone" : "speaker";
    String hint = capture ? "`hearth audio devices` and `arecord -l` list them; audio.input_device chooses one"
        : "`hearth audio devices` and `aplay -l` list them; audio.output_device chooses one";
    try {
      if (wanted.isEmpty()) {
        if (!AudioSystem.isLineSupported(info)) throw new AudioDeviceException("no " + kind + " found; " + hint);
        return AudioSystem.getLine(info);
      }
      Device device = find(wanted, capture);
      Mixer mixer = AudioSystem.getMixer(AudioSystem.getMixerInfo()[device.index()]);
      return mixer.getLine(info);
    } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
      throw new AudioDeviceException("cannot use the " + kind + " " + (wanted.isEmpty() ? "(default)" : wanted)
          + " (" + e.getMessage() + "); " + hint, e);
    }
  }

  /** The device {@code wanted} names: an index, else the one whose name contains it (case-insensitively). */
  static Device find(String wanted, boolean capture) throws AudioDeviceException {
    List<Device> usable = list().stream().filter(d -> capture ? d.capture() : d.playback()).toList();
    String kind = capture ? "microphone" : "speaker";
    if (wanted.matches("\\d+")) {
      int index = Integer.parseInt(wanted);
      return usable.stream().filter(d -> d.index() == index).findFirst().orElseThrow(() -> new AudioDeviceException(
          "there is no " + kind + " with index " + index + "; `hearth audio devices` lists them"));
    }
    List<Device> matches = usable.stream().filter(d -> d.name().toLowerCase().contains(wanted.toLowerCase())).toList();
    if (matches.size() == 1) return matches.get(0);
    if (matches.isEmpty()) {
      throw new AudioDeviceException("no " + kind + " is called '" + wanted + "'; `hearth audio devices` lists them");
    }
    throw new AudioDeviceException("'" + wanted + "' names " + matches.size() + " " + kind + "s ("
        + String.join(", ", matches.stream().map(Device::name).toList()) + "); use more of the name, or the index");
  }
}
