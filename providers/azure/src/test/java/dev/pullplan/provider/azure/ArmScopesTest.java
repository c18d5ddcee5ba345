package dev.pullplan.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArmScopesTest {
  private static final String REGISTRY =
      "/subscriptions/a/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr";

  @Test
  void aResourceGroupContainsItsRegistriesWhateverTheCasing() {
    assertThat(ArmScopes.contains("/subscriptions/A/resourcegroups/RG", REGISTRY)).isTrue();
  }

  @Test
  void aSubscriptionAndTheRootContainTheRegistry() {
    assertThat(ArmScopes.contains("/subscriptions/a", REGISTRY)).isTrue();
    assertThat(ArmScopes.contains("/", REGISTRY)).isTrue();
  }

  @Test
  void aGroupWhoseNameIsAStringPrefixOfTheRegistrysGroupDoesNotContainIt() {
    assertThat(ArmScopes.contains("/subscriptions/a/resourceGroups/rg",
        "/subscriptions/a/resourceGroups/rg2/providers/Microsoft.ContainerRegistry/registries/acr")).isFalse();
  }

  @Test
  void aScopeBelowTheRegistryDoesNotContainIt() {
    assertThat(ArmScopes.contains(REGISTRY + "/scopeMaps/x", REGISTRY)).isFalse();
  }

  @Test
  void scopesAreDescribedByWhatTheyName() {
    assertThat(ArmScopes.describe("/subscriptions/a/resourceGroups/Rg-Shared")).isEqualTo("resource group Rg-Shared");
    assertThat(ArmScopes.describe("/subscriptions/a")).isEqualTo("subscription a");
    assertThat(ArmScopes.describe("/providers/Microsoft.Management/managementGroups/platform"))
        .isEqualTo("management group platform");
    assertThat(ArmScopes.describe("/")).isEqualTo("the root scope /");
    assertThat(ArmScopes.describe(REGISTRY)).isEqualTo("registry acr");
  }
}
