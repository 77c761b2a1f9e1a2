package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.tls.ServerNames;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {
  static final ServerNames PI = ServerNames.of("raspberrypi", List.of(address("192.168.1.20"), address("fd00::20")), List.of());
  final OriginPolicy policy = new OriginPolicy(PI, () -> Set.of(8080, 8443), List.of("https://hearth.example.com"));

  static InetAddress address(String ip) {
    try {
      return InetAddress.getByName(ip);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void pagesOfThisServerOnItsPortsAreAllowed() {
    assertThat(policy.allows("https://raspberrypi.local:8443")).isTrue();
    assertThat(policy.allows("http://raspberrypi.local:8080")).isTrue();
    assertThat(policy.allows("https://192.168.1.20:8443")).isTrue();
    assertThat(policy.allows("https://[fd00::20]:8443")).isTrue();
    assertThat(policy.allows("http://localhost:8080")).isTrue();
    assertThat(policy.allows("http://[::1]:8080")).isTrue();
    assertThat(policy.allows("HTTPS://RaspberryPi.Local:8443")).isTrue();
  }

  @Test
  void noOriginIsAScriptAndAllowed() {
    assertThat(policy.allows(null)).isTrue();
  }

  @Test
  void otherSitesAreRefused() {
    assertThat(policy.allows("https://evil.example")).isFalse();
    assertThat(policy.allows("https://raspberrypi.local.evil.example:8443")).isFalse();
    assertThat(policy.allows("http://192.168.1.21:8080")).isFalse();
  }

  /** Another program on this machine (another port) is another origin. */
  @Test
  void ourNameOnAnotherPortIsRefused() {
    assertThat(policy.allows("http://localhost:3000")).isFalse();
    assertThat(policy.allows("http://localhost")).as("port 80 is not ours").isFalse();
  }

  /**
   * DNS rebinding: evil.example first resolves to the attacker, then to this server; the page's Host and Origin then
   * agree with each other, so comparing them proves nothing.
   */
  @Test
  void aRebindingOriginIsRefusedWhateverTheHostHeaderSays() {
    assertThat(policy.allows("http://evil.example:8080")).isFalse();
  }

  @Test
  void nullAndGarbageAreRefused() {
    assertThat(policy.allows("null")).isFalse();
    assertThat(policy.allows("")).isFalse();
    assertThat(policy.allows("file://")).isFalse();
    assertThat(policy.allows("raspberrypi.local")).isFalse();
    assertThat(policy.allows("https://raspberrypi.local:8443/page")).isFalse();
    assertThat(policy.allows("ftp://raspberrypi.local:8443")).isFalse();
    assertThat(policy.allows("http://user@raspberrypi.local:8080")).isFalse();
    assertThat(policy.allows("http://a b")).isFalse();
  }

  @Test
  void configuredOriginsAreAllowedWithTheirDefaultPort() {
    assertThat(policy.allows("https://hearth.example.com")).isTrue();
    assertThat(policy.allows("https://hearth.example.com:443")).isTrue();
    assertThat(policy.allows("http://hearth.example.com")).isFalse();
    assertThat(policy.allows("https://hearth.example.com:8443")).isFalse();
  }

  @Test
  void thePortsAreReadAtEachCheckSoTheyCanBeBoundLater() {
    int[] bound = {-1};
    OriginPolicy late = new OriginPolicy(PI, () -> Set.of(bound[0]), List.of());
    assertThat(late.allows("http://localhost:41234")).isFalse();
    bound[0] = 41234;
    assertThat(late.allows("http://localhost:41234")).isTrue();
  }
}
