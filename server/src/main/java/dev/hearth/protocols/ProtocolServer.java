package dev.hearth.protocols;

import java.util.Map;

/**
 * A server that speaks another project's protocol (vosk-server, Wyoming, MaryTTS) on ports of its own, so that
 * programs written for that project use Hearth unchanged. Started by the app after its own HTTP edge; closed before
 * the models it uses.
 */
public interface ProtocolServer extends AutoCloseable {

  /** The protocol's name for logs and the start-up banner, e.g. {@code vosk-server}. */
  String name();

  /** What each port actually bound serves, e.g. {@code {"stt": 10300, "tts": 10200}}. */
  Map<String, Integer> ports();

  /** Stops accepting, ends open connections and frees their resources; safe to call more than once. */
  @Override
  void close();
}
