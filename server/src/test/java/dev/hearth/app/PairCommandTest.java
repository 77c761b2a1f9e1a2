package dev.hearth.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hearth pair} against a running server on this machine: a code, the list, a revocation. */
class PairCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aCodeFromHearthPairPairsADeviceThatTheListShowsAndRevokeRemoves(@TempDir Path data) throws Exception {
    try (Hearth server = TestServers.start(data, Map.of())) {
      String url = "http://127.0.0.1:" + server.port();
      Cli pair = Cli.run("pair", "--server", url);
      assertThat(pair.exit()).as(pair.err()).isZero();
      Matcher code = Pattern.compile("Pairing code: ([0-9]{6}) \\(valid 10 minutes, once\\)").matcher(pair.out());
      assertThat(code.find()).as(pair.out()).isTrue();

      HttpResponse<String> claimed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/api/pairing/claim"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code.group(1) + "\",\"name\":\"Kitchen tablet\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(claimed.statusCode()).isEqualTo(201);
      String id = JSON.readTree(claimed.body()).at("/device/id").asText();

      Cli list = Cli.run("pair", "--list", "--server", url);
      assertThat(list.out()).contains(id, "Kitchen tablet").doesNotContain(JSON.readTree(claimed.body()).get("token").asText());

      Cli revoke = Cli.run("pair", "--revoke", id, "--server", url);
      assertThat(revoke.exit()).isZero();
      assertThat(Cli.run("pair", "--list", "--server", url).out()).contains("No paired devices.");
      Cli again = Cli.run("pair", "--revoke", id, "--server", url);
      assertThat(again.exit()).isEqualTo(1);
      assertThat(again.err()).contains("404", "no paired device");
    }
  }

  @Test
  void withoutARunningServerItSaysHowToStartOne() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Cli pair = Cli.run("pair", "--server", "http://127.0.0.1:" + port);
    assertThat(pair.exit()).isEqualTo(1);
    assertThat(pair.err()).contains("no Hearth server answers on http://127.0.0.1:" + port, "hearth run");
  }
}
