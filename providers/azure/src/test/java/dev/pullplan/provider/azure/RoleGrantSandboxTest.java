package dev.pullplan.provider.azure;

import dev.pullplan.testing.TestRun;
import static dev.pullplan.provider.azure.SandboxAzure.desired;
import static dev.pullplan.provider.azure.SandboxAzure.present;
import static dev.pullplan.provider.azure.SandboxAzure.readAfter;
import static dev.pullplan.provider.azure.SandboxAzure.readForDelete;
import static dev.pullplan.provider.azure.SandboxAzure.readNew;
import static dev.pullplan.provider.azure.SandboxAzure.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.resourcemanager.authorization.models.RoleAssignmentCreateParameters;
import dev.pullplan.PullplanException;
import dev.pullplan.address.Address;
import dev.pullplan.expand.ResourceTypes;
import dev.pullplan.sandbox.azure.AzureSeed;
import dev.pullplan.sandbox.azure.RecordedRequest;
import dev.pullplan.sandbox.azure.RoleAssignmentView;
import dev.pullplan.spi.Applied;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.Observed;
import dev.pullplan.spi.ProviderSession;
import dev.pullplan.spi.ResourceHandler;
import dev.pullplan.spi.ResourceState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** azure_acr_attach and azure_role_assignment through the real SDK against the sandbox's Azure. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleGrantSandboxTest {
  private static final String KUBELET_OBJECT_ID = "3b1f6c2e-0000-4000-8000-00000000d004";
  private static final Address ATTACH = Address.of("access", "dev", "attach");

  SandboxAzure azure;
  TestRun run;
  ProviderSession session;

  @BeforeAll
  void start(@TempDir Path tmp) {
    azure = new SandboxAzure(tmp);
  }

  @AfterAll
  void stop() {
    azure.close();
  }

  @AfterEach
  void cleanUp() {
    azure.sandbox.faults().reset();
  }

  private ProviderSession open() {
    run = azure.run();
    session = new AzureProvider().open(run);
    return session;
  }

  private static Desired attach(String cluster) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("stack", "teststack");
    attrs.put("registry", "shared");
    attrs.put("acr", SandboxAzure.ACR);
    attrs.put("cluster", cluster);
    attrs.put("aks", "rg-dev/aks-" + cluster);
    attrs.put("role", "AcrPull");
    return desired(ATTACH, ResourceTypes.AZURE_ACR_ATTACH, attrs);
  }

  private static Desired grant(Address address, String principalId) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("stack", "teststack");
    attrs.put("registry", "shared");
    attrs.put("acr", SandboxAzure.ACR);
    attrs.put("principal_id", principalId);
    attrs.put("role", "AcrPull");
    return desired(address, ResourceTypes.AZURE_ROLE_ASSIGNMENT, attrs);
  }

  private List<RoleAssignmentView> assignmentsFor(String principalId) {
    return azure.sandbox.roleAssignments().stream().filter(a -> a.principalId().equalsIgnoreCase(principalId)).toList();
  }

  @Test
  void openingASessionMakesNoCall() {
    azure.sandbox.clearRequests();
    open().handler(ResourceTypes.AZURE_ACR_ATTACH);
    assertThat(azure.sandbox.requests()).isEmpty();
  }

  @Test
  void attachGrantsAcrPullToTheKubeletIdentityAndReadsBackUnchanged() {
    ResourceHandler handler = open().handler(ResourceTypes.AZURE_ACR_ATTACH);
    Desired desired = attach("dev");
    Applied applied = handler.create(desired, run);
    ResourceState state = state(desired, applied);

    assertThat(applied.attributes()).containsEntry("principal_id", KUBELET_OBJECT_ID).containsEntry("adopted", false);
    assertThat(assignmentsFor(KUBELET_OBJECT_ID)).singleElement()
        .satisfies(a -> assertThat(a.principalType()).isEqualTo("ServicePrincipal"));
    Observed.Present read = present(open().handler(ResourceTypes.AZURE_ACR_ATTACH).read(readAfter(desired, state)));
    assertThat(read.attributes()).isEqualTo(applied.attributes());
    assertThat(read.context()).singleElement().asString()
        .contains("AcrPull for kubelet identity aks-dev-agentpool (objectId " + KUBELET_OBJECT_ID + ")");

    handler.delete(state, run);
    assertThat(assignmentsFor(KUBELET_OBJECT_ID)).isEmpty();
    assertThat(open().handler(ResourceTypes.AZURE_ACR_ATTACH).read(readForDelete(state)))
        .isInstanceOf(Observed.Absent.class);
  }

  @Test
  void theRoleCheckSaysWhatTheRegistrysModeHonoursForTheKubeletIdentity() {
    ResourceHandler handler = open().handler(ResourceTypes.AZURE_ACR_ATTACH);
    Desired desired = attach("dev");
    ResourceState state = state(desired, handler.create(desired, run));
    try {
      dev.pullplan.spi.PullRoleCheck.Finding legacy = ((dev.pullplan.spi.PullRoleCheck) open()
          .handler(ResourceTypes.AZURE_ACR_ATTACH)).checkPullRole(state);
      assertThat(legacy.honoured()).isTrue();
      assertThat(legacy.reason()).isEqualTo("kubelet identity aks-dev-agentpool (objectId " + KUBELET_OBJECT_ID
          + ") holds AcrPull on registry pullplandemo (legacy mode honours it)");

      switchRegistryTo(com.azure.resourcemanager.containerregistry.models.RoleAssignmentMode.ABAC_REPOSITORY_PERMISSIONS);
      dev.pullplan.spi.PullRoleCheck.Finding abac = ((dev.pullplan.spi.PullRoleCheck) open()
          .handler(ResourceTypes.AZURE_ACR_ATTACH)).checkPullRole(state);
      assertThat(abac.honoured()).isFalse();
      assertThat(abac.reason()).contains("holds only AcrPull on registry pullplandemo, which is in"
          + " AbacRepositoryPermissions mode: its token server grants no pull", "Container Registry Repository Reader");
    } finally {
      switchRegistryTo(com.azure.resourcemanager.containerregistry.models.RoleAssignmentMode.LEGACY_REGISTRY_PERMISSIONS);
      handler.delete(state, run);
    }
    dev.pullplan.spi.PullRoleCheck.Finding gone = ((dev.pullplan.spi.PullRoleCheck) open()
        .handler(ResourceTypes.AZURE_ACR_ATTACH)).checkPullRole(state);
    assertThat(gone.honoured()).isFalse();
    assertThat(gone.reason()).contains("holds no role on registry pullplandemo");
  }

  /** As {@code az acr update --role-assignment-mode rbac-abac|rbac} does it: a PATCH of the registry. */
  private void switchRegistryTo(com.azure.resourcemanager.containerregistry.models.RoleAssignmentMode mode) {
    SdkAccess.connection(azure).home().registries().serviceClient().getRegistries().update("rg-registry",
        "pullplandemo", new com.azure.resourcemanager.containerregistry.models.RegistryUpdateParameters()
            .withRoleAssignmentMode(mode));
  }

  @Test
  void deletingAnAssignmentThatIsGoneSucceeds() {
    ResourceHandler handler = open().handler(ResourceTypes.AZURE_ACR_ATTACH);
    Desired desired = attach("dev");
    ResourceState state = state(desired, handler.create(desired, run));
    handler.delete(state, run);

    handler.delete(state, run);

    assertThat(assignmentsFor(KUBELET_OBJECT_ID)).isEmpty();
  }

  @Test
  void attachToAServicePrincipalClusterGrantsTheClusterServicePrincipal() {
    ResourceHandler handler = open().handler(ResourceTypes.AZURE_ACR_ATTACH);
    Desired desired = attach("legacy");
    ResourceState state = state(desired, handler.create(desired, run));

    assertThat(state.attributes()).containsEntry("principal_id", SandboxAzure.LEGACY_CLUSTER_OBJECT_ID);
    assertThat(state.string("principal_name")).startsWith("cluster service principal");
    handler.delete(state, run);
  }

  /** What {@code az aks update --attach-acr} leaves: a random name, no description. */
  private String attachAcrByHand(String name) {
    SdkAccess.roleAssignments(azure).create(registryId(), name, new RoleAssignmentCreateParameters()
        .withRoleDefinitionId(ACR_PULL).withPrincipalId(KUBELET_OBJECT_ID));
    return name;
  }

  private static final String ACR_PULL = "/subscriptions/" + AzureSeed.DEFAULT_SUBSCRIPTION
      + "/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d";

  @Test
  void anIdenticalAssignmentMadeOutsidePullplanIsRecordedNotDuplicatedAndDestroyLeavesIt() {
    String outsideName = attachAcrByHand(UUID.randomUUID().toString());
    ResourceHandler handler = open().handler(ResourceTypes.AZURE_ACR_ATTACH);
    Desired desired = attach("dev");

    Applied applied = handler.create(desired, run);

    assertThat(applied.attributes()).containsEntry("name", outsideName).containsEntry("adopted", true);
    assertThat(assignmentsFor(KUBELET_OBJECT_ID)).singleElement()
        .satisfies(a -> assertThat(a.description()).isEmpty());
    assertThat(run.warnings).anySatisfy(w -> assertThat(w).contains("not made by pullplan")
        .contains("destroy leaves it in place"));
    handler.delete(state(desired, applied), run);
    assertThat(assignmentsFor(KUBELET_OBJECT_ID)).extracting(RoleAssignmentView::name).containsExactly(outsideName);
    SdkAccess.roleAssignments(azure).delete(registryId(), outsideName);
  }

  @Test
  void theDeterministicNameAloneIsNoProofOfOwnership() {
    String name = RoleAssignmentNames.of(registryId(), KUBELET_OBJECT_ID, ACR_PULL);
    attachAcrByHand(name);

    Observed.Present read = present(open().handler(ResourceTypes.AZURE_ACR_ATTACH).read(readNew(attach("dev"))));
    Applied applied = open().handler(ResourceTypes.AZURE_ACR_ATTACH).create(attach("dev"), run);

    assertThat(read.attributes()).containsEntry("name", name).containsEntry("adopted", true);
    assertThat(applied.attributes()).containsEntry("adopted", true);
    // pullplan did not stamp its mark on somebody else's assignment
    assertThat(assignmentsFor(KUBELET_OBJECT_ID)).singleElement()
        .satisfies(a -> assertThat(a.description()).isEmpty());
    open().handler(ResourceTypes.AZURE_ACR_ATTACH).delete(state(attach("dev"), applied), run);
    assertThat(assignmentsFor(KUBELET_OBJECT_ID)).hasSize(1);
    SdkAccess.roleAssignments(azure).delete(registryId(), name);
  }

  @Test
  void anAssignmentThisStackMadeBeforeItsStateWasWrittenIsOwnedAndDestroyed() {
    ResourceHandler handler = open().handler(ResourceTypes.AZURE_ACR_ATTACH);
    handler.create(attach("dev"), run); // the run that died before writing state

    Observed.Present read = present(open().handler(ResourceTypes.AZURE_ACR_ATTACH).read(readNew(attach("dev"))));
    Applied again = open().handler(ResourceTypes.AZURE_ACR_ATTACH).create(attach("dev"), run);

    assertThat(assignmentsFor(KUBELET_OBJECT_ID)).singleElement()
        .satisfies(a -> assertThat(a.description()).contains("pullplan: stack teststack"));
    assertThat(read.attributes()).containsEntry("adopted", false);
    assertThat(again.attributes()).containsEntry("adopted", false);
    open().handler(ResourceTypes.AZURE_ACR_ATTACH).delete(state(attach("dev"), again), run);
    assertThat(assignmentsFor(KUBELET_OBJECT_ID)).isEmpty();
  }

  @Test
  void anotherStacksAssignmentIsNotThisStacks() {
    String name = RoleAssignmentNames.of(registryId(), KUBELET_OBJECT_ID, ACR_PULL);
    SdkAccess.roleAssignments(azure).create(registryId(), name, new RoleAssignmentCreateParameters()
        .withRoleDefinitionId(ACR_PULL).withPrincipalId(KUBELET_OBJECT_ID).withDescription("pullplan: stack other"));

    Observed.Present read = present(open().handler(ResourceTypes.AZURE_ACR_ATTACH).read(readNew(attach("dev"))));

    assertThat(read.attributes()).containsEntry("adopted", true);
    SdkAccess.roleAssignments(azure).delete(registryId(), name);
  }

  @Test
  void aPlanSeesAnAssignmentMadeOutsidePullplanAsPresentNotOwnedAndSaysDestroyLeavesIt() {
    String outsideName = attachAcrByHand(UUID.randomUUID().toString());

    Observed.Present read = present(open().handler(ResourceTypes.AZURE_ACR_ATTACH).read(readNew(attach("dev"))));

    assertThat(read.attributes()).containsEntry("name", outsideName).containsEntry("adopted", true);
    assertThat(read.context()).singleElement().asString()
        .contains("made outside pullplan: recorded, not owned; destroy leaves it in place");
    SdkAccess.roleAssignments(azure).delete(registryId(), outsideName);
  }

  @Test
  void aRoleAssignmentCreatedTwiceWithTheSameDesiredIsOneAssignment() {
    String principal = SdkAccess.newServicePrincipal(azure, "twice-" + UUID.randomUUID());
    ResourceHandler handler = open().handler(ResourceTypes.AZURE_ROLE_ASSIGNMENT);
    Desired desired = grant(Address.of("access", "twice", "role_assignment"), principal);

    Applied first = handler.create(desired, run);
    Applied second = handler.create(desired, run);

    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.attributes()).containsEntry("adopted", false);
    assertThat(assignmentsFor(principal)).hasSize(1);
  }

  @Test
  void principalNotFoundIsRetriedWhileEntraReplicatesWithAProgressLine() {
    String principal = SdkAccess.newServicePrincipal(azure, "young-" + UUID.randomUUID());
    azure.sandbox.faults().failNext("PUT", "roleAssignments", 400, "PrincipalNotFound", 2);
    ResourceHandler handler = open().handler(ResourceTypes.AZURE_ROLE_ASSIGNMENT);

    handler.create(grant(Address.of("access", "young", "role_assignment"), principal), run);

    assertThat(assignmentsFor(principal)).hasSize(1);
    assertThat(run.progress).containsExactly("waiting for Entra replication, 2 s", "waiting for Entra replication, 6 s");
  }

  @Test
  void throttlingIsRetriedAfterRetryAfter() {
    String principal = SdkAccess.newServicePrincipal(azure, "throttled-" + UUID.randomUUID());
    azure.sandbox.clearRequests();
    azure.sandbox.faults().failNext("PUT", "roleAssignments", 429, "TooManyRequests", 1);
    ResourceHandler handler = open().handler(ResourceTypes.AZURE_ROLE_ASSIGNMENT);

    handler.create(grant(Address.of("access", "throttled", "role_assignment"), principal), run);

    List<RecordedRequest> puts = azure.sandbox.requests().stream()
        .filter(r -> r.method().equals("PUT") && r.path().contains("roleAssignments")).toList();
    assertThat(puts).extracting(RecordedRequest::status).containsExactly(429, 201);
    assertThat(Duration.between(puts.get(0).time(), puts.get(1).time())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
  }

  @Test
  void aRefusedRoleAssignmentNamesTheCallScopeAndPermission() {
    String principal = SdkAccess.newServicePrincipal(azure, "refused-" + UUID.randomUUID());
    azure.sandbox.faults().failNext("PUT", "roleAssignments", 403, "AuthorizationFailed", 1);
    ResourceHandler handler = open().handler(ResourceTypes.AZURE_ROLE_ASSIGNMENT);

    assertThatThrownBy(() -> handler.create(grant(Address.of("access", "refused", "role_assignment"), principal), run))
        .isInstanceOf(PullplanException.class)
        .hasMessage("creating role assignment on " + registryId() + " was refused (403 AuthorizationFailed): needs"
            + " Microsoft.Authorization/roleAssignments/write on " + registryId()
            + ": User Access Administrator or Owner")
        .message().doesNotContain(azure.sandbox.clientSecret());
  }

  @Test
  void readsOfManyGrantsOnOneRegistryListItsAssignmentsOnce() {
    ProviderSession s = open();
    List<Desired> grants = List.of(
        grant(Address.of("access", "a", "role_assignment"), UUID.randomUUID().toString()),
        grant(Address.of("access", "b", "role_assignment"), UUID.randomUUID().toString()),
        attach("dev"));
    s.prefetch(grants.stream().map(SandboxAzure::readNew).toList());
    grants.forEach(d -> s.handler(d.type()).read(readNew(d)));

    assertThat(run.calls("azure: GET roleAssignments")).isEqualTo(1);
    assertThat(run.calls("azure: GET registries")).isEqualTo(1);
  }

  private String registryId() {
    return "/subscriptions/" + azure.sandbox.subscriptionId()
        + "/resourceGroups/rg-registry/providers/Microsoft.ContainerRegistry/registries/pullplandemo";
  }
}
