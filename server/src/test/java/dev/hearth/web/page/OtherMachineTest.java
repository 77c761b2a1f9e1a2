package dev.hearth.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import dev.hearth.app.Hearth;
import dev.hearth.app.NetNamespace;
import dev.hearth.app.TestServers;
import dev.hearth.audio.TestData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's acceptance for a paired home, from another machine's address: a network namespace joined to this
 * machine by a veth pair ({@link NetNamespace}), so the server sees a client that is not loopback while nothing leaves
 * the machine. curl and Chromium run inside the namespace; the server listens on every address, as it does by default.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OtherMachineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** No client of the protocol servers may come from here: they allow only this (unused) address. */
  private static final String ONLY_CLIENT = "203.0.113.7";
  private NetNamespace ns;
  private Hearth server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start(@TempDir Path data) throws Exception {
    ns = NetNamespace.create();
    server = TestServers.start(data, Map.of("server.host", "0.0.0.0", "vosk_server.allowed_clients", ONLY_CLIENT,
        "wyoming.allowed_clients", ONLY_CLIENT, "marytts_server.allowed_clients", ONLY_CLIENT,
        "openai_server.allowed_clients", ONLY_CLIENT));
  }

  @AfterAll
  void stop() {
    if (server != null) server.close();
    if (ns != null) ns.close();
  }

  private String base() {
    return "http://" + ns.hostAddress + ":" + server.port();
  }

  /** curl inside the namespace; returns the HTTP status, then the body. */
  private String[] curl(String... args) throws Exception {
    List<String> line = new java.util.ArrayList<>(List.of("curl", "-s", "--max-time", "10", "-w", "\n%{http_code}"));
    line.addAll(List.of(args));
    NetNamespace.Result r = ns.exec(30, line.toArray(String[]::new));
    String out = r.out();
    int cut = out.lastIndexOf('\n');
    return new String[] {out.substring(cut + 1).strip(), cut < 0 ? "" : out.substring(0, cut)};
  }

  private HttpResponse<String> local(String host, String method, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + server.port() + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void withoutATokenAnotherMachineNeitherReadsNorChangesHistoryWhileLoopbackNeedsNone() throws Exception {
    String id = JSON.readTree(local("127.0.0.1", "POST", "/api/conversations").body()).get("id").asText();

    assertThat(curl(base() + "/api/conversations")[0]).isEqualTo("401");
    assertThat(curl(base() + "/api/conversations/" + id)[0]).isEqualTo("401");
    assertThat(curl("-X", "DELETE", base() + "/api/conversations/" + id)[0]).isEqualTo("401");
    assertThat(curl("-X", "PATCH", "-d", "{\"title\":\"x\"}", base() + "/api/conversations/" + id)[0]).isEqualTo("401");
    assertThat(curl("-X", "POST", base() + "/api/conversations")[0]).isEqualTo("401");
    assertThat(curl("-H", "Connection: Upgrade", "-H", "Upgrade: websocket", "-H", "Sec-WebSocket-Version: 13",
        "-H", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", base() + "/ws")[0]).isEqualTo("401");
    assertThat(curl("-H", "Host: attacker.example", base() + "/api/conversations")[0]).isEqualTo("403");

    for (String loopback : List.of("127.0.0.1", "[::1]")) {
      assertThat(local(loopback, "GET", "/api/conversations/" + id).statusCode()).as(loopback).isEqualTo(200);
    }
    assertThat(local("127.0.0.1", "GET", "/api/conversations").body()).contains(id);
  }

  @Test
  void aCodeFromThisMachineLetsTheOtherMachineInUntilItIsRevoked() throws Exception {
    String code = JSON.readTree(local("127.0.0.1", "POST", "/api/pairing/codes").body()).get("code").asText();
    String[] claimed = curl("-H", "Content-Type: application/json", "-d", "{\"code\":\"" + code + "\",\"name\":\"ns\"}",
        base() + "/api/pairing/claim");
    assertThat(claimed[0]).isEqualTo("201");
    String token = JSON.readTree(claimed[1]).get("token").asText();

    assertThat(curl("-b", "hearth_device=" + token, base() + "/api/conversations")[0]).isEqualTo("200");
    assertThat(curl("-H", "Authorization: Bearer " + token, base() + "/api/conversations")[0]).isEqualTo("200");

    String device = JSON.readTree(claimed[1]).at("/device/id").asText();
    assertThat(local("127.0.0.1", "DELETE", "/api/devices/" + device).statusCode()).isEqualTo(204);
    assertThat(curl("-b", "hearth_device=" + token, base() + "/api/conversations")[0]).isEqualTo("401");
  }

  /** The protocol servers need no token, but serve only their allowed_clients (and this machine). */
  @Test
  void theProtocolServersServeOnlyTheirAllowedClients() throws Exception {
    String mary = "http://" + ns.hostAddress + ":" + server.compatPort("marytts", "http") + "/version";
    assertThat(curl(mary)[0]).isEqualTo("403");
    assertThat(curl(base() + "/v1/models")[0]).isEqualTo("403");
    assertThat(curl("http://" + ns.hostAddress + ":" + server.compatPort("vosk-server", "ws") + "/")[0]).isEqualTo("403");
    NetNamespace.Result wyoming = ns.exec(30, "/usr/bin/python3", "-c", String.join("\n",
        "import socket",
        "s = socket.create_connection(('" + ns.hostAddress + "', " + server.compatPort("wyoming", "stt") + "), timeout=10)",
        "s.sendall(b'{\"type\": \"describe\"}\\n')",
        "print(len(s.recv(65536)))"));
    assertThat(wyoming.out().strip()).as(wyoming.err()).isEqualTo("0");

    assertThat(local("127.0.0.1", "GET", "/v1/models").statusCode()).isEqualTo(200);
    assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.compatPort("marytts", "http")
        + "/version")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
  }

  /** Chromium on the other machine: sent to the pairing page, paired with a code, and then the page works as before. */
  @Test
  void withATokenThePageWorksAsBeforeInChromiumOnTheOtherMachine(@TempDir Path dir) throws Exception {
    Chromium.requireChromium();
    Path launcher = dir.resolve("chromium-in-" + ns.name);
    Files.writeString(launcher, "#!/bin/sh\nexec ip netns exec " + ns.name + " " + Chromium.EXECUTABLE + " \"$@\"\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
    FakeMicrophone microphone = FakeMicrophone.of(TestData.home().resolve("testdata/skills/what_time.wav"), dir.resolve("mic.wav"));
    String page = "https://" + ns.hostAddress + ":" + server.httpsPort() + "/";
    try (Chromium chromium = Chromium.launchThrough(launcher, microphone.file);
        HearthPage p = new HearthPage(chromium.browser, 1280, 800).open(page)) {
      p.page.waitForURL("**/pair.html", new Page.WaitForURLOptions().setTimeout(20_000));
      p.awaitTrue("!document.getElementById('claim').hidden");
      String code = JSON.readTree(local("127.0.0.1", "POST", "/api/pairing/codes").body()).get("code").asText();
      p.page.fill("#code", code);
      p.page.click("#pair");
      p.page.waitForURL(page, new Page.WaitForURLOptions().setTimeout(20_000));

      p.awaitIdle();
      p.type("what is twelve times seven");
      p.awaitTrue("document.querySelector('.bubble.assistant p')?.textContent.includes('84')");
      p.awaitIdle();
      p.awaitTrue("document.querySelectorAll('#conversation-list li').length >= 1");
    }
  }
}
