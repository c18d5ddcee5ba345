package dev.pullplan.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullplan.PullplanException;
import dev.pullplan.address.Address;
import dev.pullplan.spi.ResourceState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StateCodecTest {
  private final StateCodec plaintext = new StateCodec(Optional.empty());

  @Test
  void roundTripPreservesEveryField() {
    State state = StateFixtures.sample();

    State back = plaintext.decode(plaintext.encode(state), "test");

    assertThat(back).isEqualTo(state);
  }

  @Test
  void theSameBytesReadTwiceAreDecodedOnce() {
    byte[] bytes = plaintext.encode(StateFixtures.sample());

    State first = plaintext.decode(bytes, "test");

    assertThat(plaintext.decode(bytes.clone(), "test")).isSameAs(first);
  }

  @Test
  void bytesChangedInPlaceAfterADecodeAreDecodedAnew() {
    byte[] bytes = plaintext.encode(StateFixtures.sample());
    State first = plaintext.decode(bytes, "test");
    byte[] changed = new String(bytes, StandardCharsets.UTF_8).replace("\"serial\": 7", "\"serial\": 8")
        .getBytes(StandardCharsets.UTF_8);
    System.arraycopy(changed, 0, bytes, 0, bytes.length);

    assertThat(plaintext.decode(bytes, "test").serial()).isEqualTo(8);
    assertThat(first.serial()).isEqualTo(7);
  }

  @Test
  void integersReadBackAsLong() {
    Address a = Address.of("access", "x", "attach");
    State state = new State(1, 1, "l", "v", "d", Optional.empty(), List.of(
        new ResourceState(a, "t", "p", "id", Map.of("small", 3, "list", List.of(1, 2)), Map.of(), List.of())));

    Map<String, Object> attributes = plaintext.decode(plaintext.encode(state), "test").resources().get(0).attributes();

    assertThat(attributes.get("small")).isEqualTo(3L);
    assertThat(attributes.get("list")).isEqualTo(List.of(1L, 2L));
  }

  @Test
  void outputIsPrettyPrintedWithResourcesSortedByAddressAndStableKeyOrder() {
    String text = new String(plaintext.encode(StateFixtures.sample()), StandardCharsets.UTF_8);

    assertThat(text).startsWith("{\n  \"format_version\": 1,\n  \"serial\": 7,\n  \"lineage\": ");
    assertThat(text.indexOf("access.partner_edge.k8s_secret[\\\"edge\\\"]"))
        .isLessThan(text.indexOf("access.partner_edge.service_principal"));
    assertThat(text.indexOf("\"age_days\"")).isLessThan(text.indexOf("\"big\""));
    assertThat(plaintext.encode(StateFixtures.sample())).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void plaintextFileIsMarkedSoAndHoldsTheSecrets() {
    String text = new String(plaintext.encode(StateFixtures.sample()), StandardCharsets.UTF_8);

    assertThat(text).contains("\"sensitive_values\": \"plaintext\"").contains(StateFixtures.PASSWORD).doesNotContain("encryption");
  }

  @Test
  void attributeThatIsNotJsonIsRefusedNamingIt() {
    Address a = Address.of("access", "x", "attach");
    State state = new State(1, 1, "l", "v", "d", Optional.empty(), List.of(
        new ResourceState(a, "t", "p", "id", Map.of("when", java.time.Instant.EPOCH), Map.of(), List.of())));

    assertThatThrownBy(() -> plaintext.encode(state))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("access.x.attach attributes.when");
  }

  @Test
  void damagedJsonFailsWithPositionAndWithoutQuotingTheFile() {
    byte[] bytes = plaintext.encode(StateFixtures.sample());
    String cut = new String(bytes, StandardCharsets.UTF_8);
    cut = cut.substring(0, cut.indexOf(StateFixtures.PASSWORD) + 5) + " " + StateFixtures.PASSWORD + " }";
    byte[] damaged = cut.getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> plaintext.decode(damaged, "f.json"))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("the state f.json is not valid JSON (line")
        .hasMessageNotContaining(StateFixtures.PASSWORD.substring(0, 5));
  }

  @Test
  void missingFieldIsNamedWithItsPath() {
    String text = new String(plaintext.encode(StateFixtures.sample()), StandardCharsets.UTF_8)
        .replace("\"id\": \"edge/acr-pull\",", "");

    assertThatThrownBy(() -> plaintext.decode(text.getBytes(StandardCharsets.UTF_8), "f.json"))
        .hasMessage("the state f.json is damaged: resources[0].id is missing");
  }

  @Test
  void newerFormatVersionIsRefused() {
    String text = new String(plaintext.encode(StateFixtures.sample()), StandardCharsets.UTF_8)
        .replace("\"format_version\": 1", "\"format_version\": 2");

    assertThatThrownBy(() -> plaintext.decode(text.getBytes(StandardCharsets.UTF_8), "f.json"))
        .hasMessageContaining("has format version 2");
  }

  @Test
  void stateFromANewerPullplanGetsAWarningNamingBothVersions() {
    State newer = new State(State.FORMAT_VERSION, 1, "l", "0.3.1", "", java.util.Optional.empty(), java.util.List.of());

    assertThat(StateCodec.newerVersionWarning(newer, "file f.json", "0.2.9")).hasValueSatisfying(w -> assertThat(w)
        .isEqualTo("WARNING: state file f.json was written by pullplan 0.3.1, newer than this pullplan (0.2.9):"
            + " it may hold what this version does not understand, and the next write records 0.2.9; upgrade pullplan"));
  }

  @Test
  void stateFromTheSameOrAnOlderPullplanGetsNoWarning() {
    for (String written : new String[] {"0.2.9", "0.2.9-SNAPSHOT", "0.2.0", "0.1.12", "not-a-version"}) {
      State state = new State(State.FORMAT_VERSION, 1, "l", written, "", java.util.Optional.empty(), java.util.List.of());

      assertThat(StateCodec.newerVersionWarning(state, "file f.json", "0.2.9")).as(written).isEmpty();
    }
  }

  @Test
  void aReleaseIsNewerThanItsOwnSnapshot() {
    State release = new State(State.FORMAT_VERSION, 1, "l", "0.2.9", "", java.util.Optional.empty(), java.util.List.of());

    assertThat(StateCodec.newerVersionWarning(release, "file f.json", "0.2.9-SNAPSHOT")).isPresent();
  }
}
