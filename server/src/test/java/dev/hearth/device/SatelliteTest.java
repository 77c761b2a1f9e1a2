package dev.hearth.device;

import dev.hearth.satellite.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.audio.AudioFormat;
import dev.hearth.audio.TestData;
import dev.hearth.audio.Wav;
import dev.hearth.device.ButtonGestures;
import dev.hearth.protocols.page.ServerMessage;
import dev.hearth.tls.LocalCertificates;
import dev.hearth.tls.ServerNames;
import dev.hearth.tls.TlsIdentity;
import dev.hearth.turn.ClientLink;
import dev.hearth.turn.TurnController;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Satellite mode against a real server on free ports: the button, microphone and speaker here, the turn on the
 * server, over wss:// pinned to the server's own CA (downloaded from its /hearth-ca.crt into a file).
 */
class SatelliteTest {
  @TempDir
  static Path dir;
  private static Hearth hearth;
  private static Path caFile;

  @BeforeAll
  static void startServer() throws Exception {
    hearth = TestServers.start(dir.resolve("server"), TestServers.UNPACED); // the tests wait for whole answers
    caFile = dir.resolve("hearth-ca.crt");
    Files.write(caFile, TestServers.caCertificate(hearth.port()).getEncoded());
  }

  @AfterAll
  static void stopServer() {
    if (hearth != null) hearth.close();
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError(what + " did not happen within 30 s");
      Thread.sleep(10);
    }
  }

  private URI server() {
    return URI.create("wss://localhost:" + hearth.httpsPort() + "/ws");
  }

  @Test
  void aPressHereIsATurnThereAndItsAnswerPlaysHere() throws Exception {
    SSLContext tls = PinnedTls.trusting(caFile);
    FakeLines.Microphone micLine = new FakeLines.Microphone(Wav.read(TestData.audio("ps_goforward.wav")).pcm());
    FakeLines.Speaker speakerLine = new FakeLines.Speaker();
    AtomicInteger errors = new AtomicInteger();
    List<TurnController.State> states = new CopyOnWriteArrayList<>();
    RemoteSession[] remote = new RemoteSession[1];
    try (LocalClient client = new LocalClient(link -> remote[0] = new RemoteSession(server(), tls, link),
        new Microphone(micLine, "fake mic", AudioFormat.pcm16(16_000, 1)), new Speaker(speakerLine, "fake speaker"),
        errors::incrementAndGet)) {
      client.session().onStateChange(states::add);
      await(remote[0]::connected, "the connection");
      ButtonGestures button = new ButtonGestures(client, 2000, 10, false);
      button.edge(true, 0);
      await(micLine::exhausted, "the recording being sent");
      await(client::heardSpeech, "a transcript from the server");
      button.edge(false, 3_000_000_000L);
      await(() -> states.contains(TurnController.State.IDLE) && speakerLine.bytes() > 0, "the answer being played");
      assertThat(states).startsWith(TurnController.State.LISTENING, TurnController.State.THINKING);
      assertThat(errors).hasValue(0);
      String conversation = client.conversationId();
      assertThat(conversation).isNotNull();
      assertThat(TestServers.get(hearth.port(), "/api/conversations/" + conversation).statusCode()).isEqualTo(200);
    }
  }

  /**
   * A server that went silent mid-turn without closing the connection (power or network gone) left the satellite
   * THINKING until TCP gave up, minutes later; now the missing pongs end the turn and the satellite reconnects.
   */
  @Test
  void aServerThatGoesSilentMidTurnIsGivenUpAndReconnectedTo() throws Exception {
    List<ServerMessage> received = new CopyOnWriteArrayList<>();
    ClientLink link = new ClientLink() {
      @Override public void send(ServerMessage message) { received.add(message); }
      @Override public void sendAudio(byte[] pcm) { }
    };
    try (FreezableProxy proxy = new FreezableProxy(hearth.httpsPort())) {
      RemoteSession session = new RemoteSession(URI.create("wss://localhost:" + proxy.port() + "/ws"), PinnedTls.trusting(caFile),
          link, 100, 800);
      try {
        await(session::connected, "the connection");
        session.start(AudioFormat.pcm16(16_000, 1), null, null);
        await(() -> received.stream().anyMatch(m -> m instanceof ServerMessage.Ready), "the server's ready");
        Thread.sleep(300); // pings and pongs come and go: a live server is not given up
        assertThat(session.connected()).isTrue();
        proxy.freeze();
        session.stop();
        assertThat(session.state()).isEqualTo(TurnController.State.THINKING);
        long frozenAt = System.nanoTime();
        await(() -> session.state() == TurnController.State.IDLE, "the silent server being given up");
        assertThat(Duration.ofNanos(System.nanoTime() - frozenAt)).isLessThan(Duration.ofSeconds(5));
        assertThat(received).anyMatch(m -> m instanceof ServerMessage.Error e && e.code().equals("server_unreachable"));
        proxy.thaw();
        await(session::connected, "a new connection");
      } finally {
        session.close();
      }
    }
  }

  /** The server stops and comes back on the same ports (a restart, an update): the satellite reconnects and takes a turn. */
  @Test
  void aServerRestartedOnTheSamePortTakesTheNextTurn() throws Exception {
    Path data = dir.resolve("restarted");
    Path ca = dir.resolve("restarted-ca.crt");
    Hearth first = TestServers.start(data, TestServers.UNPACED);
    int httpPort = first.port();
    int httpsPort = first.httpsPort();
    Files.write(ca, TestServers.caCertificate(httpPort).getEncoded());
    FakeLines.Microphone micLine = new FakeLines.Microphone(Wav.read(TestData.audio("ps_goforward.wav")).pcm());
    FakeLines.Speaker speakerLine = new FakeLines.Speaker();
    AtomicInteger errors = new AtomicInteger();
    RemoteSession[] remote = new RemoteSession[1];
    SSLContext tls = PinnedTls.trusting(ca);
    URI server = URI.create("wss://localhost:" + httpsPort + "/ws");
    try (LocalClient client = new LocalClient(link -> remote[0] = new RemoteSession(server, tls, link),
        new Microphone(micLine, "fake mic", AudioFormat.pcm16(16_000, 1)), new Speaker(speakerLine, "fake speaker"),
        errors::incrementAndGet)) {
      await(remote[0]::connected, "the connection");
      first.close();
      await(() -> !remote[0].connected(), "the stopped server being noticed");
      // the same data folder keeps the same CA, so the pinned file still serves
      Map<String, String> samePorts = new HashMap<>(TestServers.UNPACED);
      samePorts.putAll(Map.of("server.port", String.valueOf(httpPort), "tls.port", String.valueOf(httpsPort)));
      try (Hearth second = TestServers.start(data, samePorts)) {
        await(remote[0]::connected, "the connection to the restarted server");
        List<TurnController.State> states = new CopyOnWriteArrayList<>();
        client.session().onStateChange(states::add);
        ButtonGestures button = new ButtonGestures(client, 2000, 10, false);
        button.edge(true, 0);
        await(micLine::exhausted, "the recording being sent");
        await(client::heardSpeech, "a transcript from the restarted server");
        button.edge(false, 3_000_000_000L);
        await(() -> states.contains(TurnController.State.IDLE) && speakerLine.bytes() > 0, "the answer being played");
        assertThat(errors).hasValue(0);
        assertThat(TestServers.get(second.port(), "/api/conversations/" + client.conversationId()).statusCode()).isEqualTo(200);
      }
    } finally {
      first.close();
    }
  }

  @Test
  void aServerWithAnotherCertificateIsNotTrusted() throws Exception {
    // the local CA another Hearth makes for itself (a server is not needed to make one)
    Path other = dir.resolve("other-ca.crt");
    TlsIdentity second = LocalCertificates.load(dir.resolve("second-tls"), ServerNames.detect(List.of()), Clock.systemUTC());
    Files.write(other, second.localCa().orElseThrow().getEncoded());
    RemoteSession session = new RemoteSession(server(), PinnedTls.trusting(other), new dev.hearth.turn.ClientLink() {
      @Override public void send(dev.hearth.protocols.page.ServerMessage message) { }
      @Override public void sendAudio(byte[] pcm) { }
    });
    try {
      Thread.sleep(1500);
      assertThat(session.connected()).isFalse();
    } finally {
      session.close();
    }
  }

  @Test
  void aFileWithoutACertificateIsRefusedWithTheFix() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.crt"), "not a certificate");
    assertThatThrownBy(() -> PinnedTls.trusting(junk)).hasMessageContaining("holds no certificate");
  }
}
