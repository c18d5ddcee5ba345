package dev.pullplan.provider.azure;

import static dev.pullplan.provider.azure.SandboxAzure.desired;
import static dev.pullplan.provider.azure.SandboxAzure.present;
import static dev.pullplan.provider.azure.SandboxAzure.readAfter;
import static dev.pullplan.provider.azure.SandboxAzure.readForDelete;
import static dev.pullplan.provider.azure.SandboxAzure.readNew;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.resourcemanager.authorization.models.RoleAssignmentCreateParameters;
import com.azure.resourcemanager.containerregistry.models.RegistryUpdateParameters;
import com.azure.resourcemanager.containerregistry.models.RoleAssignmentMode;
import dev.pullplan.address.Address;
import dev.pullplan.expand.ResourceTypes;
import dev.pullplan.sandbox.azure.RoleAssignmentView;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.Observed;
import dev.pullplan.spi.PullRoleCheck;
import dev.pullplan.spi.ResourceHandler;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.testing.TestRun;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attach whose role the kubelet identity already holds from above the registry — as
 * {@code az role assignment create --scope /subscriptions/…/resourceGroups/rg} leaves it — through
 * the real SDK against the sandbox, whose {@code atScope()} lists inherited assignments as ARM does.
 */
class InheritedGrantSandboxTest {
  private static final String KUBELET_OBJECT_ID = "3b1f6c2e-0000-4000-8000-00000000d004";
  private static final String ACR_PULL = "7f951dda-4ed3-4680-a7ca-43fe172d538d";
  private static final String ACR_PUSH = "8311e382-0749-4cb8-b61a-304f252e45ec";
  private static final String OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
  private static final String REPOSITORY_READER = "b93aa761-3e63-49ed-ac28-beffa264f7ac";

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

  private ResourceHandler handler() {
    run = azure.run();
    return new AzureProvider().open(run).handler(ResourceTypes.AZURE_ACR_ATTACH);
  }

  private static Desired attach(List<String> repositories) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("stack", "teststack");
    attrs.put("registry", "shared");
    attrs.put("acr", SandboxAzure.ACR);
    attrs.put("cluster", "dev");
    attrs.put("aks", "rg-dev/aks-dev");
    attrs.put("role", "AcrPull");
    if (!repositories.isEmpty()) {
      attrs.put("repositories", repositories);
    }
    return desired(Address.of("access", "dev", "attach"), ResourceTypes.AZURE_ACR_ATTACH, attrs);
  }

  private String subscription() {
    return "/subscriptions/" + azure.sandbox.subscriptionId();
  }

  private String group(String name) {
    return subscription() + "/resourceGroups/" + name;
  }

  private String registryId() {
    return group("rg-registry") + "/providers/Microsoft.ContainerRegistry/registries/pullplandemo";
  }

  /** What {@code az role assignment create --assignee KUBELET --role ROLE --scope SCOPE} leaves. */
  private String grantByHand(String scope, String roleGuid, String condition) {
    RoleAssignmentCreateParameters parameters = new RoleAssignmentCreateParameters()
        .withRoleDefinitionId(subscription() + "/providers/Microsoft.Authorization/roleDefinitions/" + roleGuid)
        .withPrincipalId(KUBELET_OBJECT_ID);
    if (condition != null) {
      parameters.withCondition(condition).withConditionVersion("2.0");
    }
    String name = UUID.randomUUID().toString();
    SdkAccess.roleAssignments(azure).create(scope, name, parameters);
    return name;
  }

  private List<RoleAssignmentView> atTheRegistry() {
    return azure.sandbox.roleAssignments().stream()
        .filter(a -> a.principalId().equalsIgnoreCase(KUBELET_OBJECT_ID))
        .filter(a -> a.scope().equalsIgnoreCase(registryId())).toList();
  }

  private static ResourceState recorded(Desired desired, Observed.Present seen) {
    return new ResourceState(desired.address(), desired.type(), "azure", seen.id(), seen.attributes(), Map.of(),
        List.of());
  }

  private void switchRegistryToAbac() {
    SdkAccess.connection(azure).home().registries().serviceClient().getRegistries().update("rg-registry",
        "pullplandemo", new RegistryUpdateParameters().withRoleAssignmentMode(RoleAssignmentMode.ABAC_REPOSITORY_PERMISSIONS));
  }

  @Test
  void acrPullOnTheRegistrysResourceGroupCoversTheAttachAsInheritedAndNotOwned() {
    String name = grantByHand(group("rg-registry"), ACR_PULL, null);

    Observed.Present seen = present(handler().read(readNew(attach(List.of()))));

    assertThat(seen.attributes()).containsEntry("name", name).containsEntry("adopted", true)
        .containsEntry("scope", registryId()).containsEntry("inherited_from", group("rg-registry"))
        .containsEntry("role", "AcrPull");
    assertThat(seen.context()).singleElement().asString()
        .contains("AcrPull for kubelet identity aks-dev-agentpool", "inherited from resource group rg-registry",
            "destroy leaves it in place");
    assertThat(atTheRegistry()).isEmpty();
  }

  @Test
  void acrPullOnTheSubscriptionCoversTheAttach() {
    grantByHand(subscription(), ACR_PULL, null);

    Observed.Present seen = present(handler().read(readNew(attach(List.of()))));

    assertThat(seen.attributes()).containsEntry("inherited_from", subscription()).containsEntry("adopted", true);
    assertThat(seen.context()).singleElement().asString()
        .contains("inherited from subscription " + azure.sandbox.subscriptionId());
  }

  @Test
  void anotherRoleOnTheResourceGroupDoesNotCoverTheAttach() {
    grantByHand(group("rg-registry"), ACR_PUSH, null);

    assertThat(handler().read(readNew(attach(List.of())))).isInstanceOf(Observed.Absent.class);
  }

  @Test
  void anOwnerOnTheSubscriptionDoesNotCoverTheAttachForAPlan() {
    grantByHand(subscription(), OWNER, null);

    assertThat(handler().read(readNew(attach(List.of())))).isInstanceOf(Observed.Absent.class);
  }

  @Test
  void onAnAbacRegistryRepositoryReaderOnTheGroupWithThePlansConditionCoversTheAttach() {
    switchRegistryToAbac();
    grantByHand(group("rg-registry"), REPOSITORY_READER, PullRoleMapping.condition(List.of("edge/*")));

    Observed.Present seen = present(handler().read(readNew(attach(List.of("edge/*")))));

    assertThat(seen.attributes()).containsEntry("inherited_from", group("rg-registry"))
        .containsEntry("assigned_role", "Container Registry Repository Reader")
        .containsEntry("repositories", List.of("edge/*"));
  }

  @Test
  void onAnAbacRegistryRepositoryReaderOnTheGroupWithAnotherConditionDoesNotCoverTheAttach() {
    switchRegistryToAbac();
    grantByHand(group("rg-registry"), REPOSITORY_READER, PullRoleMapping.condition(List.of("other/*")));

    assertThat(handler().read(readNew(attach(List.of("edge/*"))))).isInstanceOf(Observed.Absent.class);
  }

  @Test
  void acrPullOnASiblingGroupWhoseNameIsAPrefixOfTheRegistrysGroupDoesNotCoverTheAttach() {
    grantByHand(group("rg-reg"), ACR_PULL, null);

    assertThat(handler().read(readNew(attach(List.of())))).isInstanceOf(Observed.Absent.class);
  }

  @Test
  void destroyLeavesTheInheritedGrantInPlace() {
    String name = grantByHand(group("rg-registry"), ACR_PULL, null);
    Desired desired = attach(List.of());
    ResourceState state = recorded(desired, present(handler().read(readNew(desired))));

    Observed.Present forDestroy = present(handler().read(readForDelete(state)));
    handler().delete(recorded(desired, forDestroy), run);

    assertThat(azure.sandbox.roleAssignments()).anySatisfy(a -> assertThat(a.name()).isEqualTo(name));
    assertThat(run.warnings).anySatisfy(w -> assertThat(w)
        .contains("left the role assignment " + name + " on resource group rg-registry in place"));
  }

  @Test
  void whenTheInheritedGrantIsGoneTheAttachReadsAsMissingSoThePlanGrantsAtTheRegistry() {
    String name = grantByHand(group("rg-registry"), ACR_PULL, null);
    Desired desired = attach(List.of());
    ResourceState state = recorded(desired, present(handler().read(readNew(desired))));
    SdkAccess.roleAssignments(azure).delete(group("rg-registry"), name);

    assertThat(handler().read(readAfter(desired, state))).isInstanceOf(Observed.Absent.class);
  }

  @Test
  void aRemovedInheritedGrantReadsAsGoneFromItsResourceGroupNotAsDeletedOutsidePullplan() {
    String name = grantByHand(group("rg-registry"), ACR_PULL, null);
    Desired desired = attach(List.of());
    ResourceState state = recorded(desired, present(handler().read(readNew(desired))));
    SdkAccess.roleAssignments(azure).delete(group("rg-registry"), name);

    assertThat(handler().read(readAfter(desired, state))).isInstanceOfSatisfying(Observed.Absent.class, a ->
        assertThat(a.gone()).contains("the AcrPull inherited from resource group rg-registry is gone: pullplan grants"
            + " AcrPull at registry pullplandemo itself"));
  }

  @Test
  void anInheritedAcrPullThatTheRegistrysNewAbacModeDoesNotHonourReadsAsNoLongerCoveringTheAccess() {
    grantByHand(group("rg-registry"), ACR_PULL, null);
    Desired desired = attach(List.of());
    ResourceState state = recorded(desired, present(handler().read(readNew(desired))));
    switchRegistryToAbac();

    assertThat(handler().read(readAfter(desired, state))).isInstanceOfSatisfying(Observed.Absent.class, a ->
        assertThat(a.gone()).contains("the AcrPull inherited from resource group rg-registry no longer covers this"
            + " access: pullplan grants Container Registry Repository Reader at registry pullplandemo itself"));
  }

  @Test
  void anInheritedGrantCannotBeImportedAsOwned() {
    grantByHand(group("rg-registry"), ACR_PULL, null);
    Desired desired = attach(List.of());
    Observed.Present seen = present(handler().read(readNew(desired)));

    assertThatThrownBy(() -> ((dev.pullplan.spi.Importable) handler()).importById(readNew(desired), seen.id()))
        .isInstanceOf(dev.pullplan.PullplanException.class)
        .hasMessageContaining("is inherited from resource group rg-registry, not made at the registry");
  }

  @Test
  void verifyPassesAnAttachInheritedFromTheResourceGroupAndSaysSo() {
    grantByHand(group("rg-registry"), ACR_PULL, null);
    Desired desired = attach(List.of());
    ResourceState state = recorded(desired, present(handler().read(readNew(desired))));

    PullRoleCheck.Finding finding = ((PullRoleCheck) handler()).checkPullRole(state);

    assertThat(finding.honoured()).isTrue();
    assertThat(finding.reason()).isEqualTo("kubelet identity aks-dev-agentpool (objectId " + KUBELET_OBJECT_ID
        + ") holds AcrPull on resource group rg-registry, inherited (legacy mode honours it)");
  }

  @Test
  void verifyPassesAnOwnerInheritedFromTheSubscriptionWithANoteThatThePlanStillGrantsAcrPull() {
    grantByHand(subscription(), OWNER, null);
    ResourceState state = recorded(attach(List.of()), new Observed.Present(registryId()
        + "/providers/Microsoft.Authorization/roleAssignments/" + UUID.randomUUID(),
        Map.of("scope", registryId(), "principal_id", KUBELET_OBJECT_ID, "aks", "rg-dev/aks-dev"), Map.of(), List.of()));

    PullRoleCheck.Finding finding = ((PullRoleCheck) handler()).checkPullRole(state);

    assertThat(finding.honoured()).isTrue();
    assertThat(finding.reason()).contains("holds Owner on subscription " + azure.sandbox.subscriptionId()
        + ", inherited (legacy mode honours it; broader than the AcrPull the attach grants, which `pullplan plan`"
        + " still grants at the registry)");
  }
}
