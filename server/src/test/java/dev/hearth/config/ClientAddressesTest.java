package dev.hearth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An allowed_clients list: addresses and CIDR ranges, loopback always in. */
class ClientAddressesTest {
  private static final ClientAddresses HOME = ClientAddresses.parse("wyoming.allowed_clients",
      List.of("192.168.1.0/24", "10.0.0.7", "fd00::/8"));

  @Test
  void addressesInARangeOrListedAreAllowedAndOthersAreNot() {
    assertThat(HOME.allows("192.168.1.200")).isTrue();
    assertThat(HOME.allows("10.0.0.7")).isTrue();
    assertThat(HOME.allows("[fd12::1]")).isTrue();
    assertThat(HOME.allows("192.168.2.1")).isFalse();
    assertThat(HOME.allows("10.0.0.8")).isFalse();
    assertThat(HOME.allows("2001:db8::1")).isFalse();
    assertThat(HOME.allows("not an address")).isFalse();
    assertThat(HOME.allows((String) null)).isFalse();
  }

  @Test
  void loopbackIsAlwaysAllowedAndAnEmptyListAllowsEveryone() {
    assertThat(HOME.allows("127.0.0.1")).isTrue();
    assertThat(HOME.allows("::1")).isTrue();
    assertThat(ClientAddresses.parse("x", List.of()).allows("203.0.113.9")).isTrue();
  }

  @Test
  void aPrefixThatIsNotOnAByteBoundaryIsHonoured() {
    ClientAddresses quarter = ClientAddresses.parse("x", List.of("192.168.1.64/26"));
    assertThat(quarter.allows("192.168.1.64")).isTrue();
    assertThat(quarter.allows("192.168.1.127")).isTrue();
    assertThat(quarter.allows("192.168.1.128")).isFalse();
    assertThat(quarter.allows("192.168.1.63")).isFalse();
  }

  @Test
  void namesAndBadRangesStopStartUpNamingTheSetting() {
    for (String bad : List.of("kitchen.local", "192.168.1.0/33", "192.168.1.0/x", "fd00::/129")) {
      assertThatThrownBy(() -> HearthConfig.of(Map.of("vosk_server.allowed_clients", bad)))
          .as(bad).isInstanceOf(ConfigException.class).hasMessageContaining("vosk_server.allowed_clients").hasMessageContaining(bad);
    }
  }
}
