package dev.hearth.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.audio.AudioFormat;
import dev.hearth.audio.TestData;
import dev.hearth.audio.Wav;
import dev.hearth.button.ButtonGestures;
import dev.hearth.turn.TurnController;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    hearth = TestServers.start(dir.resolve("server"), Map.of());
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

  @Test
  void aServerWithAnotherCertificateIsNotTrusted() throws Exception {
    Path other = dir.resolve("other-ca.crt");
    try (Hearth second = TestServers.start(dir.resolve("second"), Map.of())) {
      Files.write(other, TestServers.caCertificate(second.port()).getEncoded());
    }
    RemoteSession session = new RemoteSession(server(), PinnedTls.trusting(other), new dev.hearth.turn.ClientLink() {
      @Override public void send(dev.hearth.protocol.ServerMessage message) { }
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
