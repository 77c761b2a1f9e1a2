package dev.hearth.app;

import dev.hearth.config.HearthConfig;
import dev.hearth.protocols.ProtocolServer;
import dev.hearth.protocols.marytts.MaryServer;
import dev.hearth.protocols.vosk.VoskServer;
import dev.hearth.protocols.wyoming.WyomingServer;
import dev.hearth.stt.VoskRecognizer;
import dev.hearth.stt.VoskSpeechToText;
import dev.hearth.tls.ServerNames;
import dev.hearth.tts.TextToSpeech;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers that speak other projects' protocols on ports of their own (vosk-server, Wyoming, MaryTTS), each on by
 * default and switched off in its config section; one method each wires its front end to the shared models and its
 * share of the threads.
 */
final class ProtocolServers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProtocolServers.class);

  private final HearthConfig config;
  private final Threads threads;
  private final VoskSpeechToText vosk;
  private final TextToSpeech tts;
  /** In the order started. */
  private final List<ProtocolServer> started = new ArrayList<>();

  ProtocolServers(HearthConfig config, Threads threads, VoskSpeechToText vosk, TextToSpeech tts) {
    this.config = config;
    this.threads = threads;
    this.vosk = vosk;
    this.tts = tts;
  }

  /** Starts those switched on; what did start is closed by {@link #close} even when a later one fails. */
  void start(ServerNames names) throws Exception {
    if (config.voskServer().enabled()) started.add(voskServer());
    if (config.wyoming().enabled()) started.add(wyoming(names));
    if (config.maryServer().enabled()) started.add(maryServer());
    for (ProtocolServer server : started) log.info("{} listening on {}", server.name(), server.ports());
  }

  private ProtocolServer voskServer() throws Exception {
    return new VoskServer(config.voskServer(), config.server().host(), config.server().idleTimeoutMillis(), vosk,
        threads.stt.lane("vosk-server")).start();
  }

  private ProtocolServer wyoming(ServerNames names) throws Exception {
    return WyomingServer.start(config.wyoming(), config.server().host(), names, new WyomingServer.Speech(
        () -> vosk.recognizer(new VoskRecognizer.Options(false, 0, Optional.empty())), vosk.modelName(),
        config.stt().language(), config.stt().maxUtteranceMillis(), tts,
        threads.frontEnd("wyoming", "Wyoming", config.wyoming().writeTimeoutMillis()), Hearth.VERSION));
  }

  private ProtocolServer maryServer() throws Exception {
    return MaryServer.start(config.maryServer(), config.server().host(), config.server().minRequestBytesPerSecond(), tts,
        threads.frontEnd("marytts", "The MaryTTS API", config.sharing().writeTimeoutMillis()));
  }

  /** Those started, in order. */
  List<ProtocolServer> started() {
    return List.copyOf(started);
  }

  /** The port {@code server} bound for {@code what} (e.g. {@code ("wyoming", "tts")}), or -1 when it is off. */
  int port(String server, String what) {
    for (ProtocolServer s : started) {
      if (s.name().equals(server)) return s.ports().getOrDefault(what, -1);
    }
    return -1;
  }

  @Override
  public void close() {
    for (ProtocolServer server : started) server.close();
  }
}
