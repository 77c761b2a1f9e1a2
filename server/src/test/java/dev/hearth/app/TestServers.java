package dev.hearth.app;

import dev.hearth.config.HearthConfig;
import dev.hearth.satellite.PinnedTls;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/** Starts real Hearth servers on free ports (HTTP and HTTPS) with their data in a test's folder. */
public final class TestServers {
  private TestServers() {}

  /**
   * {@code tts.lead_millis} at its largest: answers are synthesized as fast as MaryTTS goes rather than at most 1.5 s
   * ahead of playback, so a test that waits for whole answers ({@code turn_done}) does not also wait as long as they
   * take to play. Only for tests that are not about pacing (TtsStageTest is) and never cancel or barge in while an
   * answer plays.
   */
  public static final Map<String, String> UNPACED = Map.of("tts.lead_millis", "600000");

  /**
   * For tests that run no voice turn (typed turns, HTTP only): no recognizers are kept warm, so start-up decodes no
   * warm-up phrase, and the skills' grammar is not compiled. The Vosk model is loaded all the same.
   */
  public static final Map<String, String> TEXT_ONLY = Map.of("stt.recognizer_pool", "0", "stt.command_grammar", "false");

  /** The settings of all {@code maps} in one, a later map's value winning. */
  @SafeVarargs
  public static Map<String, String> merged(Map<String, String>... maps) {
    Map<String, String> all = new HashMap<>();
    for (Map<String, String> m : maps) all.putAll(m);
    return all;
  }

  public static Hearth start(Path dataDir, Map<String, String> extra) {
    return unstarted(dataDir, extra).start();
  }

  /** A server configured like {@link #start}'s, for a test to adjust before starting it. */
  public static Hearth unstarted(Path dataDir, Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(Map.of(
        "server.port", "0", "tls.port", "0", "server.host", "127.0.0.1", "store.data_dir", dataDir.toString()));
    // the other projects' protocols on free ports too, and nothing announced on the network
    settings.putAll(Map.of("vosk_server.port", "0", "wyoming.port", "0", "wyoming.tts_port", "0", "wyoming.zeroconf", "false",
        "marytts_server.port", "0"));
    settings.putAll(extra);
    return new Hearth(HearthConfig.of(settings), Clock.systemDefaultZone());
  }

  public static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The local CA the server offers at {@code /hearth-ca.crt}, fetched over plain HTTP. */
  public static X509Certificate caCertificate(int httpPort) throws Exception {
    HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/hearth-ca.crt")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) throw new AssertionError("GET /hearth-ca.crt answered " + response.statusCode());
    return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(response.body()));
  }

  /** TLS that trusts {@code ca} and nothing else (not even the JDK's public CAs), verifying host names as browsers do. */
  public static SSLContext trusting(X509Certificate ca) throws Exception {
    return PinnedTls.trusting(List.of(ca));
  }

  /** An HTTPS GET of {@code https://host:httpsPort/path}, trusting only the CA the server offers at /hearth-ca.crt. */
  public static HttpResponse<String> httpsGet(Hearth hearth, String host, String path) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(trusting(caCertificate(hearth.port()))).build();
    return client.send(HttpRequest.newBuilder(URI.create("https://" + host + ":" + hearth.httpsPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
