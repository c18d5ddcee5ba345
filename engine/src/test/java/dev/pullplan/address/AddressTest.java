package dev.pullplan.address;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressTest {
  @Test
  void keyedAddressRoundTripsThroughItsWrittenForm() {
    Address a = Address.parse("access.partner_edge.k8s_secret[\"edge\"]").orElseThrow();

    assertThat(a).isEqualTo(Address.keyed("access", "partner_edge", "k8s_secret", "edge"));
    assertThat(a).hasToString("access.partner_edge.k8s_secret[\"edge\"]");
  }

  @Test
  void serviceAccountKeysKeepTheirSlash() {
    assertThat(Address.parse("access.x.sa_pull_secret[\"edge/default\"]").orElseThrow().key()).contains("edge/default");
  }

  @Test
  void textThatIsNotAnAddressIsRejected() {
    assertThat(Address.parse("access.partner")).isEmpty();
    assertThat(Address.parse("k8s_secret[edge]")).isEmpty();
  }

  @Test
  void aBlockOrAnUnkeyedResourceNameMatchesItsResources() {
    Address a = Address.parse("access.x.k8s_secret[\"edge\"]").orElseThrow();

    assertThat(a.matches("access.x")).isTrue();
    assertThat(a.matches("access.x.k8s_secret")).isTrue();
    assertThat(a.matches("access.x.k8s_secret[\"edge\"]")).isTrue();
    assertThat(a.matches("access.xy")).isFalse();
    assertThat(a.matches("access.x.k8s_secret[\"web\"]")).isFalse();
  }
}
