package dev.hearth.tts;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.audio.PcmConverter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sound.sampled.AudioInputStream;
import marytts.LocalMaryInterface;
import marytts.MaryInterface;
import marytts.exceptions.MaryConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MaryTTS behind {@link TextToSpeech}, speaking with any installed voice. Each voice has one {@link LocalMaryInterface}
 * of its own, made and set to that voice at start-up (MaryTTS leaks threads when instantiated per request): its
 * {@code setVoice} changes state that {@code generateAudio} reads (the voice, its locale, its audio format), so one
 * interface shared by several voices would speak with whichever was set last. After start-up the interfaces are only
 * read, and MaryTTS's request pipeline is safe to call from several threads. Each synthesis watches the vocoder threads
 * MaryTTS starts for it ({@link MaryVocoders}): closing it ends them, and a dead or stalled one fails the read.
 */
public final class MaryTextToSpeech implements TextToSpeech {
  private static final Logger log = LoggerFactory.getLogger(MaryTextToSpeech.class);
  private static final int READ_BYTES = 4_800; // 50 ms at MaryTTS's 48 kHz
  private static final String MARY_LOGGER = "log4j.logger.marytts";
  /** A vocoder that hands over no sample for this long is wedged (it makes about 16 every millisecond). */
  static final long STALL_MILLIS = 10_000;

  /** One interface per installed voice, by name. */
  private final Map<String, MaryInterface> speakers;
  private final AudioFormat output;
  private final List<TextToSpeech.Voice> voiceList;
  private final String defaultVoice;

  private MaryTextToSpeech(Map<String, MaryInterface> speakers, AudioFormat output, List<TextToSpeech.Voice> voices,
      String defaultVoice) {
    this.speakers = Map.copyOf(speakers);
    this.output = output;
    this.voiceList = List.copyOf(voices);
    this.defaultVoice = defaultVoice;
  }

  /** Starts MaryTTS with {@code voice}, producing {@code sampleRateHz} mono PCM, and warms it up. */
  public static MaryTextToSpeech start(String voice, int sampleRateHz) throws TtsException {
    long start = System.nanoTime();
    // MaryTTS's own log4j settings write ./log/server.log under the working directory, which a service does not
    // own (/ under systemd); its messages go to standard error, and so to the journal, instead
    if (System.getProperty(MARY_LOGGER) == null) System.setProperty(MARY_LOGGER, "ERROR, stderr");
    MaryInterface mary;
    try {
      mary = new LocalMaryInterface();
    } catch (MaryConfigurationException e) {
      throw new TtsException("MaryTTS could not start: " + e.getMessage(), e);
    }
    List<TextToSpeech.Voice> voices = new ArrayList<>();
    for (String name : mary.getAvailableVoices()) {
      marytts.modules.synthesis.Voice v = marytts.modules.synthesis.Voice.getVoice(name);
      voices.add(new TextToSpeech.Voice(name, v.getLocale().toLanguageTag(),
          v.gender().toString().toLowerCase(Locale.ROOT), (int) v.dbAudioFormat().getSampleRate()));
    }
    voices.sort(Comparator.comparing(TextToSpeech.Voice::name));
    if (voices.stream().noneMatch(v -> v.name().equals(voice))) {
      throw new TtsException("tts.voice: unknown voice '" + voice + "'; installed voices: "
          + voices.stream().map(TextToSpeech.Voice::name).toList());
    }
    Map<String, MaryInterface> speakers = new HashMap<>();
    for (TextToSpeech.Voice v : voices) {
      MaryInterface speaker;
      try {
        speaker = new LocalMaryInterface();
      } catch (MaryConfigurationException e) {
        throw new TtsException("MaryTTS could not start: " + e.getMessage(), e);
      }
      speaker.setVoice(v.name());
      speakers.put(v.name(), speaker);
    }
    MaryTextToSpeech tts = new MaryTextToSpeech(speakers, AudioFormat.pcm16(sampleRateHz, 1), voices, voice);
    log.info("Started MaryTTS with voice {} in {} ms", voice, (System.nanoTime() - start) / 1_000_000);
    return tts;
  }

  @Override
  public AudioFormat outputFormat() {
    return output;
  }

  @Override
  public List<TextToSpeech.Voice> voices() {
    return voiceList;
  }

  @Override
  public String defaultVoice() {
    return defaultVoice;
  }

  @Override
  public String engine() {
    return "marytts 5.2.1";
  }

  /**
   * {@inheritDoc} Closing stops MaryTTS's vocoder thread within milliseconds; reading fails with a
   * {@link TtsException} when that thread dies or makes no audio for {@link #STALL_MILLIS}, instead of waiting.
   */
  @Override
  public Synthesis synthesize(String text, String voice) throws TtsException {
    return synthesize(text, voice, STALL_MILLIS, MaryVocoders.Fault.NONE);
  }

  /** {@link #synthesize(String, String)} with a test's stall limit and a fault run on the vocoder thread. */
  Synthesis synthesize(String text, String voice, long stallMillis, MaryVocoders.Fault fault) throws TtsException {
    MaryInterface speaker = speakers.get(voice);
    if (speaker == null) throw new TtsException("There is no voice '" + voice + "'; installed voices: " + speakers.keySet());
    AudioInputStream audio;
    try {
      audio = speaker.generateAudio(text);
    } catch (marytts.exceptions.SynthesisException e) {
      throw new TtsException("speech synthesis failed for \"" + text + "\": " + e.getMessage(), e);
    }
    MaryVocoders vocoders = MaryVocoders.watch(audio, stallMillis, fault);
    javax.sound.sampled.AudioFormat f = audio.getFormat();
    if (f.getSampleSizeInBits() != 16 || f.isBigEndian() || f.getChannels() != 1) {
      vocoders.stop();
      closeQuietly(audio);
      throw new TtsException("MaryTTS produced unexpected audio: " + f);
    }
    PcmConverter converter = new PcmConverter(AudioFormat.pcm16((int) f.getSampleRate(), 1), output.rateHz());
    return new MarySynthesis(audio, vocoders, converter, text);
  }

  /** Reads MaryTTS's lazily computed stream (never readAllBytes(): it returns a truncated buffer). */
  static final class MarySynthesis implements Synthesis {
    private final AudioInputStream audio;
    private final MaryVocoders vocoders;
    private final PcmConverter converter;
    private final String text;
    private final byte[] buf = new byte[READ_BYTES];
    private boolean ended;

    MarySynthesis(AudioInputStream audio, MaryVocoders vocoders, PcmConverter converter, String text) {
      this.audio = audio;
      this.vocoders = vocoders;
      this.converter = converter;
      this.text = text;
    }

    /** The vocoder threads behind this synthesis (for tests). */
    MaryVocoders vocoders() {
      return vocoders;
    }

    @Override
    public AudioChunk next() throws TtsException {
      while (!ended) {
        int n;
        try {
          n = audio.read(buf, 0, buf.length);
        } catch (IOException | MaryVocoders.Failure e) {
          close();
          throw new TtsException("speech synthesis failed for \"" + text + "\": " + e.getMessage(), e);
        }
        AudioChunk chunk;
        if (n <= 0) {
          ended = true;
          chunk = converter.flush();
        } else {
          chunk = converter.convert(buf, 0, n);
        }
        if (chunk.pcm().length > 0) return chunk;
      }
      return null;
    }

    /** Stops MaryTTS's vocoder threads (each ends at its next sample) and closes the stream. */
    @Override
    public void close() {
      ended = true;
      vocoders.stop();
      closeQuietly(audio);
    }
  }

  private static void closeQuietly(AudioInputStream audio) {
    try {
      audio.close();
    } catch (IOException ignored) {
      // nothing was written; there is nothing to lose
    }
  }

  @Override
  public void close() {
    // MaryTTS keeps no resources that need releasing before the JVM exits.
  }
}
