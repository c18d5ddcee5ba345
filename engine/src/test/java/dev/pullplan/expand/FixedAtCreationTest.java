package dev.pullplan.expand;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.address.Address;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.Lifecycle;
import dev.pullplan.spi.ResourceState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FixedAtCreationTest {
  private static final Address WEB = Address.of("access", "web", "token");

  private static Desired derived(Map<String, Object> attributes) {
    return new Desired(WEB, "acr_token", attributes, Map.of(), Lifecycle.NONE);
  }

  private static ResourceState made(Map<String, Object> attributes) {
    return new ResourceState(WEB, "acr_token", "azure", "id-1", attributes, Map.of(), List.of());
  }

  @Test
  void anObjectThatExistsKeepsTheNameItWasMadeWith() {
    Desired kept = FixedAtCreation.kept(Set.of("name"),
        derived(Map.of("name", "pullplan-s-web", "repositories", List.of("b"))),
        Optional.of(made(Map.of("name", "pullplan-s-team-dev", "repositories", List.of("a")))));

    assertThat(kept.attributes()).containsEntry("name", "pullplan-s-team-dev")
        .containsEntry("repositories", List.of("b"));
  }

  @Test
  void aNewObjectTakesTheNameDerivedToday() {
    Desired desired = derived(Map.of("name", "pullplan-s-web"));

    assertThat(FixedAtCreation.kept(Set.of("name"), desired, Optional.empty())).isEqualTo(desired);
  }

  @Test
  void aNameStateNeverRecordedIsDerivedToday() {
    Desired desired = derived(Map.of("name", "pullplan-s-web"));

    assertThat(FixedAtCreation.kept(Set.of("name"), desired, Optional.of(made(Map.of())))).isEqualTo(desired);
  }
}
