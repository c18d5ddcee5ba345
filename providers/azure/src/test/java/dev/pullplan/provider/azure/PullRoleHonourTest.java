package dev.pullplan.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PullRoleHonourTest {
  @Test
  void legacyModeHonoursAcrPullAndTheRolesContainingPullButNoCondition() {
    assertThat(PullRoleHonour.honoured(RegistryMode.LEGACY, "AcrPull", Optional.empty())).contains("legacy mode honours it");
    assertThat(PullRoleHonour.honoured(RegistryMode.LEGACY, "Reader", Optional.empty())).isPresent();
    assertThat(PullRoleHonour.honoured(RegistryMode.LEGACY, "AcrPull", Optional.of("(x)"))).isEmpty();
    assertThat(PullRoleHonour.honoured(RegistryMode.LEGACY, PullRoleMapping.REPOSITORY_READER, Optional.empty())).isEmpty();
  }

  @Test
  void abacModeHonoursOnlyTheRepositoryRolesWithTheirCondition() {
    assertThat(PullRoleHonour.honoured(RegistryMode.ABAC, "AcrPull", Optional.empty())).isEmpty();
    assertThat(PullRoleHonour.honoured(RegistryMode.ABAC, "Owner", Optional.empty())).isEmpty();
    assertThat(PullRoleHonour.honoured(RegistryMode.ABAC, PullRoleMapping.REPOSITORY_READER, Optional.empty()))
        .contains("ABAC mode honours it, for every repository");
    assertThat(PullRoleHonour.honoured(RegistryMode.ABAC, PullRoleMapping.REPOSITORY_READER,
        Optional.of(PullRoleMapping.condition(java.util.List.of("team/app")))))
        .contains("ABAC mode honours it, for the repositories its condition allows");
  }

  @Test
  void controlPlaneRolesAreNamed() {
    assertThat(PullRoleHonour.name("acdd72a7-3385-48ef-bd42-f606fba81ae7")).isEqualTo("Reader");
    assertThat(PullRoleHonour.name("7f951dda-4ed3-4680-a7ca-43fe172d538d")).isEqualTo("AcrPull");
  }
}
