package dev.pullplan.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pure mappings of the Azure provider, without a cloud. */
class AzureMappingTest {
  private static final String SCOPE =
      "/subscriptions/S/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr";
  private static final String ACR_PULL =
      "/subscriptions/S/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d";

  @Test
  void providerBlockSettingsWinOverEnvironmentVariables() {
    AzureSettings settings = AzureSettings.resolve(Map.of("subscription_id", "from-block", "ca_file", "ca.pem"),
        Map.of("AZURE_SUBSCRIPTION_ID", "from-env", "PULLPLAN_AZURE_ENDPOINT", "https://arm.example"), Path.of("/cfg"));

    assertThat(settings.subscriptionId()).contains("from-block");
    assertThat(settings.armEndpoint()).contains("https://arm.example/");
    assertThat(settings.caFile()).contains(Path.of("/cfg/ca.pem"));
    assertThat(settings.customAuthority()).isFalse();
  }

  @Test
  void roleAssignmentNameIsAVersion5UuidStableAcrossCasing() {
    String name = RoleAssignmentNames.of(SCOPE, "ABCDEF00-0000-4000-8000-000000000001", ACR_PULL);

    assertThat(RoleAssignmentNames.of(SCOPE.toLowerCase(), "abcdef00-0000-4000-8000-000000000001", ACR_PULL))
        .isEqualTo(name);
    assertThat(java.util.UUID.fromString(name).version()).isEqualTo(5);
    assertThat(RoleAssignmentNames.of(SCOPE, "abcdef00-0000-4000-8000-000000000002", ACR_PULL)).isNotEqualTo(name);
  }

  @Test
  void uuid5MatchesTheRfcExample() {
    // RFC 4122 appendix / Python uuid.uuid5(NAMESPACE_DNS, "python.org")
    assertThat(RoleAssignmentNames.uuid5(java.util.UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"),
        "python.org")).hasToString("886313e1-3b8a-5372-9b90-0c9aee199e5d");
  }

  @Test
  void aRefusalNamesThePermissionAndTheRoles() {
    assertThat(AzureFailures.message(AzureOperation.CREATE_ROLE_ASSIGNMENT, SCOPE, 403,
        Optional.of("AuthorizationFailed"), Optional.of("The client has no authorization")))
        .isEqualTo("creating role assignment on " + SCOPE + " was refused (403 AuthorizationFailed): needs"
            + " Microsoft.Authorization/roleAssignments/write on " + SCOPE + ": User Access Administrator or Owner");
  }

  @Test
  void aGraphRefusalNamesTheGraphApplicationPermissionNotAnArmScope() {
    assertThat(AzureFailures.message(AzureOperation.WRITE_APPLICATION, "\"pullplan-demo-edge\"", 403,
        Optional.of("Authorization_RequestDenied"), Optional.of("Insufficient privileges to complete the operation.")))
        .isEqualTo("writing Entra application \"pullplan-demo-edge\" was refused by Microsoft Graph"
            + " (403 Authorization_RequestDenied): the identity pullplan signs in as needs the Microsoft Graph"
            + " application permission Application.ReadWrite.OwnedBy (or Application.ReadWrite.All) with admin"
            + " consent, or the Entra role Application Developer or Application Administrator");
  }

  @Test
  void aPrefixBecomesStartsWithWithItsSlashAndARepositoryAnExactName() {
    assertThat(PullRoleMapping.condition(java.util.List.of("edge/*", "tools/cli")))
        .isEqualTo("((!(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/content/read'})"
            + " AND !(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/metadata/read'}))"
            + " OR (@Request[Microsoft.ContainerRegistry/registries/repositories:name] StringStartsWithIgnoreCase"
            + " 'edge/' OR @Request[Microsoft.ContainerRegistry/registries/repositories:name]"
            + " StringEqualsIgnoreCase 'tools/cli'))");
  }

  @Test
  void pullIsAcrPullOnALegacyRegistryAndRepositoryReaderOnAnAbacOne() {
    AcrRegistry legacy = new AcrRegistry(SCOPE, "s", "rg", "myacr", "myacr.azurecr.io", false, RegistryMode.LEGACY);
    assertThat(PullRoleMapping.grant("a", legacy, RegistryMode.LEGACY, "AcrPull", java.util.List.of()))
        .isEqualTo(new PullRoleMapping.PullGrant("AcrPull", Optional.empty()));
    assertThat(PullRoleMapping.grant("a", legacy, RegistryMode.ABAC, "AcrPull", java.util.List.of()))
        .isEqualTo(new PullRoleMapping.PullGrant("Container Registry Repository Reader", Optional.empty()));
  }

  @Test
  void conditionsCompareWithoutRegardToWhitespace() {
    assertThat(PullRoleMapping.sameCondition(Optional.of("( a  OR b )"), Optional.of("(a OR b)"))).isTrue();
    assertThat(PullRoleMapping.sameCondition(Optional.empty(), Optional.of(" "))).isTrue();
    assertThat(PullRoleMapping.sameCondition(Optional.of("(a)"), Optional.of("(b)"))).isFalse();
  }

  @Test
  void otherFailuresKeepAzuresMessage() {
    assertThat(AzureFailures.message(AzureOperation.READ_REGISTRY, SCOPE, 500, Optional.of("InternalServerError"),
        Optional.of("boom"))).isEqualTo("reading registry " + SCOPE + " failed (500 InternalServerError): boom");
  }

  @Test
  void callsAreNamedByMethodAndKindNotByObject() {
    assertThat(ApiCallName.of("GET", SCOPE)).isEqualTo("GET registries");
    assertThat(ApiCallName.of("PUT", "//" + SCOPE.substring(1) + "/providers/Microsoft.Authorization/roleAssignments/x"))
        .isEqualTo("PUT roleAssignments");
    assertThat(ApiCallName.of("POST", SCOPE + "/generateCredentials")).isEqualTo("POST generateCredentials");
    assertThat(ApiCallName.of("POST", "/v1.0/applications/id/microsoft.graph.addPassword")).isEqualTo("POST addPassword");
  }

  @Test
  void scopeMapActionsAreContentAndMetadataReadPerRepository() {
    List<String> actions = ScopeMapMapping.actions(List.of("edge/sim", "edge/gw"));

    assertThat(actions).containsExactly("repositories/edge/sim/content/read", "repositories/edge/sim/metadata/read",
        "repositories/edge/gw/content/read", "repositories/edge/gw/metadata/read");
    assertThat(ScopeMapMapping.repositories(actions)).containsExactly("edge/sim", "edge/gw");
  }

  @Test
  void aScopeMapActionPullplanWouldNotWriteShowsAsADifference() {
    List<String> actions = List.of("repositories/edge/sim/content/read", "repositories/edge/sim/metadata/read",
        "repositories/edge/sim/content/write");

    assertThat(ScopeMapMapping.repositories(actions))
        .containsExactly("edge/sim", "repositories/edge/sim/content/write");
  }

  @Test
  void tokenRotationUsesTheOtherSlot() {
    assertThat(TokenMapping.otherSlot("password1")).isEqualTo("password2");
    assertThat(TokenMapping.otherSlot("password2")).isEqualTo("password1");
  }

  @Test
  void replicationWaitsAreBoundedAndReported() {
    assertThat(ReplicationBackoff.DELAYS.stream().mapToLong(java.time.Duration::toSeconds).sum()).isEqualTo(90);
    assertThat(ReplicationBackoff.progress(2)).isEqualTo("waiting for Entra replication, 14 s");
  }

  @Test
  void credentialsLiveAYearUnlessExpiresAfterSaysOtherwise() {
    assertThat(CredentialLifetime.of(Map.of())).isEqualTo(java.time.Duration.ofDays(365));
    assertThat(CredentialLifetime.of(Map.of("expires_after", "90d"))).isEqualTo(java.time.Duration.ofDays(90));
  }
}
