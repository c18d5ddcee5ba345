package dev.pullplan.provider.azure;

import static dev.pullplan.provider.azure.SandboxAzure.desired;
import static dev.pullplan.provider.azure.SandboxAzure.present;
import static dev.pullplan.provider.azure.SandboxAzure.readAfter;
import static dev.pullplan.provider.azure.SandboxAzure.readNew;
import static dev.pullplan.provider.azure.SandboxAzure.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.resourcemanager.containerregistry.models.RegistryUpdateParameters;
import com.azure.resourcemanager.containerregistry.models.RoleAssignmentMode;
import dev.pullplan.PullplanException;
import dev.pullplan.address.Address;
import dev.pullplan.expand.ResourceTypes;
import dev.pullplan.sandbox.azure.RoleAssignmentView;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.Observed;
import dev.pullplan.spi.ProviderSession;
import dev.pullplan.spi.ResourceHandler;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.testing.TestRun;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service principal's pull grant on a registry in legacy and in ABAC mode, through the real SDK;
 * whether it pulls is asked of the sandbox's registry login, which honours only the mode's roles.
 */
class AbacRegistrySandboxTest {
  private static final String REGISTRY = "pullplandemo";
  private static final String READER = "Container Registry Repository Reader";

  SandboxAzure azure;
  TestRun run;

  @BeforeEach
  void start(@TempDir Path tmp) {
    azure = new SandboxAzure(tmp);
  }

  @AfterEach
  void stop() {
    azure.close();
  }

  private ProviderSession open() {
    run = azure.run();
    return new AzureProvider().open(run);
  }

  /** As {@code az acr update --role-assignment-mode rbac-abac|rbac} does it: a PATCH of the registry. */
  private void switchRegistryTo(RoleAssignmentMode mode) {
    SdkAccess.connection(azure).home().registries().serviceClient().getRegistries()
        .update("rg-registry", REGISTRY, new RegistryUpdateParameters().withRoleAssignmentMode(mode));
  }

  private ResourceState servicePrincipal(String access) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("stack", "teststack");
    attrs.put("registry", "shared");
    attrs.put("acr", SandboxAzure.ACR);
    attrs.put("display_name", "pullplan-teststack-" + access);
    attrs.put("expires_after", "90d");
    Desired sp = desired(Address.of("access", access, "service_principal"), ResourceTypes.AZURE_SERVICE_PRINCIPAL,
        attrs);
    return state(sp, open().handler(ResourceTypes.AZURE_SERVICE_PRINCIPAL).create(sp, run));
  }

  private static Desired grant(String access, ResourceState sp, List<String> repositories) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("stack", "teststack");
    attrs.put("registry", "shared");
    attrs.put("acr", SandboxAzure.ACR);
    attrs.put("principal_id", sp.string("object_id"));
    attrs.put("role", "AcrPull");
    if (!repositories.isEmpty()) {
      attrs.put("repositories", repositories);
    }
    return desired(Address.of("access", access, "role_assignment"), ResourceTypes.AZURE_ROLE_ASSIGNMENT, attrs);
  }

  private boolean pulls(ResourceState sp, String repository) {
    return azure.sandbox.mayPull(REGISTRY, sp.string("username"), sp.sensitive().get("password"),
        repository);
  }

  private List<RoleAssignmentView> assignmentsOf(ResourceState sp) {
    return azure.sandbox.roleAssignments().stream()
        .filter(a -> a.principalId().equalsIgnoreCase(sp.string("object_id"))).toList();
  }

  @Test
  void theSandboxReportsTheModeAzCliSets() {
    assertThat(azure.sandbox.roleAssignmentMode(REGISTRY)).contains("LegacyRegistryPermissions");

    switchRegistryTo(RoleAssignmentMode.ABAC_REPOSITORY_PERMISSIONS);

    assertThat(azure.sandbox.roleAssignmentMode(REGISTRY)).contains("AbacRepositoryPermissions");
    assertThat(SdkAccess.connection(azure).home().registries().serviceClient().getRegistries()
        .getByResourceGroup("rg-registry", REGISTRY).roleAssignmentMode())
        .isEqualTo(RoleAssignmentMode.ABAC_REPOSITORY_PERMISSIONS);
  }

  @Test
  void onAnAbacRegistryTheGrantIsRepositoryReaderLimitedToTheRepositoriesAndPullsOnlyThere() {
    switchRegistryTo(RoleAssignmentMode.ABAC_REPOSITORY_PERMISSIONS);
    ResourceState sp = servicePrincipal("edge");
    Desired grant = grant("edge", sp, List.of("edge/*", "tools/cli"));

    ResourceState applied = state(grant, open().handler(ResourceTypes.AZURE_ROLE_ASSIGNMENT).create(grant, run));

    assertThat(assignmentsOf(sp)).singleElement().satisfies(a -> {
      assertThat(a.roleName()).isEqualTo(READER);
      assertThat(a.condition()).hasValueSatisfying(c -> assertThat(c)
          .contains("StringStartsWithIgnoreCase 'edge/'").contains("StringEqualsIgnoreCase 'tools/cli'"));
    });
    assertThat(applied.attributes()).containsEntry("assigned_role", READER)
        .containsEntry("role_assignment_mode", "AbacRepositoryPermissions");
    assertThat(pulls(sp, "edge/sim")).isTrue();
    assertThat(pulls(sp, "tools/cli")).isTrue();
    assertThat(pulls(sp, "edge-infra/k8s")).isFalse();
    assertThat(pulls(sp, "team/app")).isFalse();
  }

  @Test
  void anAbacRegistryDoesNotHonourAcrPull() {
    ResourceState sp = servicePrincipal("legacy");
    open().handler(ResourceTypes.AZURE_ROLE_ASSIGNMENT).create(grant("legacy", sp, List.of()), run);
    assertThat(pulls(sp, "edge/sim")).isTrue();

    switchRegistryTo(RoleAssignmentMode.ABAC_REPOSITORY_PERMISSIONS);

    assertThat(pulls(sp, "edge/sim")).isFalse();
  }

  @Test
  void repositoriesOnALegacyRegistryAreAPlanErrorNamingTokensAndAbac() {
    ResourceState sp = servicePrincipal("scoped");
    ResourceHandler handler = open().handler(ResourceTypes.AZURE_ROLE_ASSIGNMENT);

    assertThatThrownBy(() -> handler.read(readNew(grant("scoped", sp, List.of("edge/*")))))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("LegacyRegistryPermissions")
        .hasMessageContaining("type \"token\"")
        .hasMessageContaining("--role-assignment-mode rbac-abac");
  }

  @Test
  void aRegistryMovedToAbacReadsAsDriftThatReplacesAcrPullBeforeRemovingIt() {
    ResourceState sp = servicePrincipal("moved");
    Desired grant = grant("moved", sp, List.of());
    ResourceHandler handler = open().handler(ResourceTypes.AZURE_ROLE_ASSIGNMENT);
    ResourceState old = state(grant, handler.create(grant, run));
    switchRegistryTo(RoleAssignmentMode.ABAC_REPOSITORY_PERMISSIONS);

    ResourceHandler replanned = open().handler(ResourceTypes.AZURE_ROLE_ASSIGNMENT);
    Observed.Present observed = present(replanned.read(readAfter(grant, old)));

    assertThat(observed.attributes().get("role")).isNotEqualTo("AcrPull").asString()
        .contains("not honoured").contains("AbacRepositoryPermissions");
    assertThat(replanned.replaceOn()).contains("role");
    assertThat(replanned.createBeforeDestroy()).isTrue();
    assertThat(run.warnings).anySatisfy(w -> assertThat(w).contains("AcrPull").contains(READER));

    // create-before-destroy, as the engine runs it: the new grant, then the old one deleted
    ResourceState replacement = state(grant, replanned.create(grant, run));
    assertThat(pulls(sp, "edge/sim")).isTrue();
    replanned.delete(old, run);

    assertThat(assignmentsOf(sp)).singleElement().satisfies(a -> assertThat(a.roleName()).isEqualTo(READER));
    assertThat(pulls(sp, "edge/sim")).isTrue();
    Observed.Present settled = present(open().handler(ResourceTypes.AZURE_ROLE_ASSIGNMENT)
        .read(readAfter(grant, replacement)));
    assertThat(settled.attributes()).containsEntry("role", "AcrPull").containsEntry("assigned_role", READER);
  }

  @Test
  void changingTheRepositoriesRewritesTheConditionOfTheSameAssignment() {
    switchRegistryTo(RoleAssignmentMode.ABAC_REPOSITORY_PERMISSIONS);
    ResourceState sp = servicePrincipal("narrow");
    ResourceHandler handler = open().handler(ResourceTypes.AZURE_ROLE_ASSIGNMENT);
    Desired wide = grant("narrow", sp, List.of("edge/*"));
    ResourceState applied = state(wide, handler.create(wide, run));
    Desired narrow = grant("narrow", sp, List.of("edge/sim"));

    handler.update(narrow, applied, run);

    assertThat(assignmentsOf(sp)).singleElement()
        .satisfies(a -> assertThat(a.name()).isEqualTo(applied.string("name")));
    assertThat(pulls(sp, "edge/sim")).isTrue();
    assertThat(pulls(sp, "edge/other")).isFalse();
  }
}
