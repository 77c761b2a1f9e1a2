package dev.hearth.speech;

import marytts.config.VoiceConfig;
import marytts.exceptions.MaryConfigurationException;

/**
 * A second installed MaryTTS voice for tests, {@code slt-slow-test}: cmu-slt-hsmm's models under another name, set up
 * (see its {@code voice.config}) to speak the same words about twice as slowly. MaryTTS finds it only where
 * {@code src/test/voices/slt-slow} is on the classpath (its {@code META-INF/services} entry is there), so the
 * other tests' single voice stays as it was; {@link SecondVoice} starts such a JVM.
 */
public final class SlowVoiceConfig extends VoiceConfig {
  public SlowVoiceConfig() throws MaryConfigurationException {
    super(SlowVoiceConfig.class.getResourceAsStream("/hearth-test-voice/voice.config"));
  }
}
