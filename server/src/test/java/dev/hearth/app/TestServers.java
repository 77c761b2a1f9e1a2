package dev.hearth.app;

import dev.hearth.config.HearthConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Starts real Hearth servers on a free port with their data in a test's folder. */
public final class TestServers {
  private TestServers() {}

  public static Hearth start(Path dataDir, Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(Map.of(
        "server.port", "0", "server.host", "127.0.0.1", "store.data_dir", dataDir.toString()));
    settings.putAll(extra);
    return new Hearth(HearthConfig.of(settings), Clock.systemDefaultZone()).start();
  }

  public static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
