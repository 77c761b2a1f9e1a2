package dev.hearth.protocols.wyoming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.audio.TestData;
import dev.hearth.audio.Wav;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server with both services on one port, announced over multicast DNS on the loopback interface and found
 * by a second, independent JmDNS instance the way Home Assistant's zeroconf browser finds it.
 */
@Tag("model")
class WyomingZeroconfTest {
  private static final String NAME = "hearth-zeroconf-test";

  @Test
  void onePortServesBothAndIsAnnouncedUntilTheServerCloses(@TempDir Path data) throws Exception {
    Hearth hearth = TestServers.start(data, Map.of("wyoming.tts_port", "-1", "wyoming.zeroconf", "true",
        "wyoming.zeroconf_name", NAME));
    try (JmDNS browser = JmDNS.create(InetAddress.getLoopbackAddress(), "wyoming-test-browser")) {
      int port = hearth.compatPort("wyoming", "stt");
      assertThat(hearth.compatPort("wyoming", "tts")).isEqualTo(port);

      long start = System.nanoTime();
      ServiceInfo found = await(browser, true).orElseThrow(() -> new AssertionError(NAME + " was not announced"));
      System.out.printf("found %s after %.1f s%n", found.getQualifiedName(), (System.nanoTime() - start) / 1e9);
      assertThat(found.getQualifiedName()).isEqualTo(NAME + "." + JmdnsAnnouncer.SERVICE_TYPE);
      assertThat(found.getPort()).isEqualTo(port);
      assertThat(Arrays.<InetAddress>asList(found.getInet4Addresses())).contains(InetAddress.getLoopbackAddress());

      try (WyomingTestClient c = WyomingTestClient.connect(found.getPort())) {
        c.send("describe");
        WyomingTestClient.Event info = c.read();
        assertThat(info.data().at("/asr/0/installed").asBoolean()).isTrue();
        assertThat(info.data().at("/tts/0/installed").asBoolean()).isTrue();
        c.send("synthesize", WyomingTestClient.JSON.createObjectNode().put("text", "One port for both."));
        assertThat(WyomingTestClient.types(c.readUntil("audio-stop"))).contains("audio-chunk");
      }
      List<WyomingTestClient.Event> stt = WyomingServerTest.transcribeLikeHomeAssistant(port,
          Wav.read(TestData.audio("ps_goforward.wav")), 2048);
      assertThat(stt.get(stt.size() - 2).text("text")).isEqualTo("go forward ten meters");

      start = System.nanoTime();
      hearth.close();
      System.out.printf("closed the server in %.1f s%n", (System.nanoTime() - start) / 1e9);
      assertThat(await(browser, false)).as("withdrawn when the server closes").isEmpty();
    } finally {
      hearth.close();
    }
  }

  /**
   * Browses for up to 20 s until the service is there and resolved ({@code present}: its port and address known, as a
   * browser under load may first list the name alone) or gone; returns what the last look found.
   */
  private static Optional<ServiceInfo> await(JmDNS browser, boolean present) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    Optional<ServiceInfo> found;
    do {
      found = Arrays.stream(browser.list(JmdnsAnnouncer.SERVICE_TYPE, 1_000)).filter(s -> s.getName().equals(NAME))
          .filter(s -> !present || (s.getPort() > 0 && s.getInet4Addresses().length > 0)).findFirst();
    } while (found.isPresent() != present && System.nanoTime() < deadline);
    return found;
  }
}
