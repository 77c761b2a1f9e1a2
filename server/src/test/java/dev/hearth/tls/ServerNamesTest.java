package dev.hearth.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerNamesTest {
  static final ServerNames PI = ServerNames.of("RaspberryPi.lan",
      List.of(ServerNames.literal("192.168.1.20"), ServerNames.literal("fd00::20")), List.of("hearth.home.arpa", "10.0.0.5"));

  @Test
  void loopbackHostNameMdnsNameLanAndExtraNamesAreIncluded() {
    assertThat(PI.hostname()).isEqualTo("raspberrypi");
    assertThat(PI.dnsNames()).containsExactly("localhost", "raspberrypi", "raspberrypi.local", "hearth.home.arpa");
    assertThat(PI.addresses()).extracting(InetAddress::getHostAddress)
        .containsExactly("127.0.0.1", "0:0:0:0:0:0:0:1", "192.168.1.20", "fd00:0:0:0:0:0:0:20", "10.0.0.5");
    assertThat(PI.lanAddresses()).hasSize(2);
  }

  @Test
  void containsIgnoresCaseBracketsAndIpv6Spelling() {
    assertThat(PI.contains("RASPBERRYPI.local")).isTrue();
    assertThat(PI.contains("raspberrypi.local.")).isTrue();
    assertThat(PI.contains("[::1]")).isTrue();
    assertThat(PI.contains("[FD00:0::20]")).isTrue();
    assertThat(PI.contains("127.0.0.1")).isTrue();
    assertThat(PI.contains("10.0.0.5")).isTrue();
  }

  @Test
  void othersAreNotOurs() {
    assertThat(PI.contains("evil.example")).isFalse();
    assertThat(PI.contains("raspberrypi.evil.example")).isFalse();
    assertThat(PI.contains("192.168.1.21")).isFalse();
    assertThat(PI.contains("")).isFalse();
    assertThat(PI.contains(null)).isFalse();
  }

  @Test
  void aMachineCalledLocalhostGetsNoLocalName() {
    assertThat(ServerNames.of("localhost", List.of(), List.of()).dnsNames()).containsExactly("localhost");
  }

  @Test
  void detectingThisMachineAlwaysIncludesLoopback() {
    ServerNames here = ServerNames.detect(List.of());
    assertThat(here.contains("localhost")).isTrue();
    assertThat(here.contains("127.0.0.1")).isTrue();
    assertThat(here.lanAddresses()).allSatisfy(a -> {
      assertThat(a.isLoopbackAddress()).isFalse();
      assertThat(a.isLinkLocalAddress()).isFalse();
    });
  }

  @Test
  void urlHostsPutIpv6InBracketsInItsShortForm() {
    assertThat(ServerNames.urlHost(ServerNames.literal("fd00::20"))).isEqualTo("[fd00::20]");
    assertThat(ServerNames.urlHost(ServerNames.literal("::1"))).isEqualTo("[::1]");
    assertThat(ServerNames.urlHost(ServerNames.literal("2001:DB8:0:0:1:0:0:1"))).isEqualTo("[2001:db8::1:0:0:1]");
    assertThat(ServerNames.urlHost(ServerNames.literal("2001:db8:0:1:1:1:1:1"))).isEqualTo("[2001:db8:0:1:1:1:1:1]");
    assertThat(ServerNames.urlHost(ServerNames.literal("fe80::"))).isEqualTo("[fe80::]");
    assertThat(ServerNames.urlHost(ServerNames.literal("::"))).isEqualTo("[::]");
    assertThat(ServerNames.urlHost(ServerNames.literal("192.168.1.20"))).isEqualTo("192.168.1.20");
  }
}
