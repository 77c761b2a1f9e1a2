package dev.hearth.protocols.openaiapi;

import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real servers the {@code /v1} tests share, each started once per test run (on first use) and closed when the run
 * ends: {@link #open()} takes no keys, {@link #keyed()} wants {@link #KEY} or {@link #SECOND_KEY}. Both have Vosk's
 * model, MaryTTS at 16 kHz (so {@code pcm}'s 24 kHz is a real conversion), {@link #ALLOWED_ORIGIN} as an extra origin
 * and uploads of at most {@link #MAX_UPLOAD_BYTES}.
 */
final class OpenAiServers implements BeforeAllCallback {
  static final String KEY = "sk-hearth-test-0123456789abcdefXYZW";
  static final String SECOND_KEY = "second-key-for-tests";
  static final String ALLOWED_ORIGIN = "https://allowed.example";
  static final long MAX_UPLOAD_BYTES = 1 << 20;
  static final int TTS_RATE_HZ = 16_000;

  private static Hearth open;
  private static Hearth keyed;
  private static ExtensionContext.Store store;

  @Override
  public void beforeAll(ExtensionContext context) {
    synchronized (OpenAiServers.class) {
      if (store == null) store = context.getRoot().getStore(ExtensionContext.Namespace.create(OpenAiServers.class));
    }
  }

  /** The server without API keys. */
  static synchronized Hearth open() {
    if (open == null) open = start("open", Map.of());
    return open;
  }

  /** The server that wants a key. */
  static synchronized Hearth keyed() {
    if (keyed == null) keyed = start("keyed", Map.of("openai_server.api_keys", KEY + "," + SECOND_KEY));
    return keyed;
  }

  private static Hearth start(String name, Map<String, String> extra) {
    try {
      Path data = Files.createTempDirectory("hearth-openai-" + name);
      Map<String, String> settings = new java.util.HashMap<>(Map.of("tts.sample_rate_hz", String.valueOf(TTS_RATE_HZ),
          "server.allowed_origins", ALLOWED_ORIGIN, "openai_server.max_upload_bytes", String.valueOf(MAX_UPLOAD_BYTES)));
      settings.putAll(extra);
      Hearth hearth = TestServers.start(data, settings);
      // closed with the run's root store, after every test class
      store.put(name, (AutoCloseable) () -> {
        hearth.close();
        deleteTree(data);
      });
      return hearth;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
