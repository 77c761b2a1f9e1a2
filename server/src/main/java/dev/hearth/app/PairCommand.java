package dev.hearth.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.config.HearthConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hearth pair}: a pairing code for a new phone or tablet, the list of paired devices, or revoking one. It asks
 * the running server over this machine's loopback, which needs no token (README, "Pairing a phone").
 */
@Command(name = "pair", mixinStandardHelpOptions = true,
    description = "Print a pairing code for a new device (or list and revoke paired ones) on the running server.")
final class PairCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin
  ConfigOptions options;

  @Spec
  CommandSpec spec;

  @Option(names = "--list", description = "List the paired devices.")
  boolean list;

  @Option(names = "--revoke", paramLabel = "ID", description = "Revoke a paired device (its id from --list): its token stops working.")
  String revoke;

  @Option(names = "--server", paramLabel = "URL",
      description = "The server on this machine (default: http://127.0.0.1:<server.port>, or server.host when it names one address).")
  String server;

  @Override
  public Integer call() throws Exception {
    HearthConfig config = options.load();
    URI base = URI.create(server != null ? server.replaceAll("/+$", "") : "http://" + loopbackHost(config.server().host())
        + ":" + config.server().port());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> response;
    try {
      response = http.send(request(base).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      err.println("hearth pair: no Hearth server answers on " + base + "; start it (hearth run, or systemctl start hearth)"
          + " or name it with --server");
      return 1;
    } catch (IOException e) {
      err.println("hearth pair: " + base + " failed: " + e.getMessage());
      return 1;
    }
    if (response.statusCode() >= 300) {
      JsonNode error = parse(response.body()).path("error");
      err.println("hearth pair: the server answered " + response.statusCode() + ": " + error.path("message").asText(response.body()));
      return 1;
    }
    if (revoke != null) {
      out.println("Revoked " + revoke + ": that device must be paired again to use Hearth.");
    } else if (list) {
      JsonNode devices = parse(response.body()).path("devices");
      if (devices.isEmpty()) out.println("No paired devices.");
      for (JsonNode d : devices) {
        out.printf("%-36s  %-20s  paired %s%n", d.path("id").asText(), d.path("name").asText(),
            Instant.ofEpochMilli(d.path("created_at").asLong()));
      }
    } else {
      JsonNode code = parse(response.body());
      out.println("Pairing code: " + code.path("code").asText() + " (valid " + code.path("valid_ms").asLong() / 60_000
          + " minutes, once).");
      out.println("On the new device, open Hearth's page and enter it; the device stays paired until revoked"
          + " (hearth pair --list, --revoke ID).");
    }
    return 0;
  }

  private HttpRequest.Builder request(URI base) {
    if (revoke != null) return HttpRequest.newBuilder(base.resolve("/api/devices/" + revoke)).DELETE();
    if (list) return HttpRequest.newBuilder(base.resolve("/api/devices")).GET();
    return HttpRequest.newBuilder(base.resolve("/api/pairing/codes")).POST(HttpRequest.BodyPublishers.noBody());
  }

  /** The loopback address for a wildcard or loopback {@code server.host}; else that host (which is then not loopback). */
  private static String loopbackHost(String host) {
    return switch (host) {
      case "0.0.0.0", "::", "[::]", "localhost" -> "127.0.0.1";
      default -> host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    };
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}
