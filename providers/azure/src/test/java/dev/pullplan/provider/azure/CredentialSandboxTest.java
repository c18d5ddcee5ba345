package dev.pullplan.provider.azure;

import com.azure.resourcemanager.authorization.fluent.models.MicrosoftGraphApplicationInner;

import com.azure.resourcemanager.authorization.fluent.MicrosoftGraphClient;

import dev.pullplan.testing.TestRun;
import static dev.pullplan.provider.azure.SandboxAzure.desired;
import static dev.pullplan.provider.azure.SandboxAzure.present;
import static dev.pullplan.provider.azure.SandboxAzure.readAfter;
import static dev.pullplan.provider.azure.SandboxAzure.readForDelete;
import static dev.pullplan.provider.azure.SandboxAzure.readNew;
import static dev.pullplan.provider.azure.SandboxAzure.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.resourcemanager.containerregistry.fluent.models.TokenInner;
import com.azure.resourcemanager.containerregistry.models.TokenStatus;
import dev.pullplan.address.Address;
import dev.pullplan.expand.ResourceTypes;
import dev.pullplan.model.Cluster;
import dev.pullplan.sandbox.azure.GraphObjectView;
import dev.pullplan.spi.Applied;
import dev.pullplan.spi.ClusterCredentials;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.Observed;
import dev.pullplan.spi.Unknown;
import dev.pullplan.spi.ProviderSession;
import dev.pullplan.spi.ReadRequest;
import dev.pullplan.spi.ResourceHandler;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.spi.Rotatable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Service principals, scope maps, tokens and AKS credentials through the real SDK against the sandbox. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CredentialSandboxTest {
  private static final String REGISTRY = "pullplandemo";

  SandboxAzure azure;
  TestRun run;

  @BeforeAll
  void start(@TempDir Path tmp) {
    azure = new SandboxAzure(tmp);
  }

  @AfterAll
  void stop() {
    azure.close();
  }

  private ProviderSession open() {
    run = azure.run();
    return new AzureProvider().open(run);
  }

  private static Desired servicePrincipal(String access) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("stack", "teststack");
    attrs.put("registry", "shared");
    attrs.put("acr", SandboxAzure.ACR);
    attrs.put("display_name", "pullplan-teststack-" + access);
    attrs.put("expires_after", "90d");
    return desired(Address.of("access", access, "service_principal"), ResourceTypes.AZURE_SERVICE_PRINCIPAL, attrs);
  }

  private static Desired grantFor(String access, ResourceState sp) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("stack", "teststack");
    attrs.put("registry", "shared");
    attrs.put("acr", SandboxAzure.ACR);
    attrs.put("principal_id", sp.string("object_id"));
    attrs.put("role", "AcrPull");
    return desired(Address.of("access", access, "role_assignment"), ResourceTypes.AZURE_ROLE_ASSIGNMENT, attrs);
  }

  private static Desired scopeMap(String name, List<String> repositories) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("stack", "teststack");
    attrs.put("registry", "shared");
    attrs.put("acr", SandboxAzure.ACR);
    attrs.put("name", name);
    attrs.put("repositories", repositories);
    return desired(Address.of("access", name, "scope_map"), ResourceTypes.ACR_SCOPE_MAP, attrs);
  }

  private static Desired token(String name, ResourceState scopeMap) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("stack", "teststack");
    attrs.put("registry", "shared");
    attrs.put("acr", SandboxAzure.ACR);
    attrs.put("name", name);
    attrs.put("scope_map_id", scopeMap == null ? "" : scopeMap.string("scope_map_id"));
    attrs.put("expires_after", "30d");
    return desired(Address.of("access", name, "token"), ResourceTypes.ACR_TOKEN, attrs);
  }

  private List<GraphObjectView> applicationsNamed(String displayName) {
    return azure.sandbox.applications().stream().filter(a -> a.displayName().equals(displayName)).toList();
  }

  private boolean pulls(ResourceState credential, String password) {
    return azure.sandbox.acceptsRegistryLogin(REGISTRY, credential.string("username"), password);
  }

  @Test
  void servicePrincipalIsCreatedReadBackUnchangedAndDeleted() {
    ResourceHandler handler = open().handler(ResourceTypes.AZURE_SERVICE_PRINCIPAL);
    Desired desired = servicePrincipal("crud");
    Applied applied = handler.create(desired, run);
    ResourceState state = state(desired, applied);

    assertThat(applied.sensitive()).containsKey("password");
    assertThat(applied.attributes()).containsKeys("app_id", "object_id", "key_id", "username", "created_at",
        "expires_at");
    assertThat(applied.attributes().toString()).doesNotContain(applied.sensitive().get("password"));
    Observed.Present read = present(open().handler(ResourceTypes.AZURE_SERVICE_PRINCIPAL).read(readAfter(desired, state)));
    assertThat(read.attributes()).isEqualTo(applied.attributes());
    assertThat(read.sensitive()).isEmpty();

    handler.delete(state, run);
    assertThat(applicationsNamed("pullplan-teststack-crud")).isEmpty();
    assertThat(open().handler(ResourceTypes.AZURE_SERVICE_PRINCIPAL).read(readForDelete(state)))
        .isInstanceOf(Observed.Absent.class);
    handler.delete(state, run);
  }

  @Test
  void graphRefusingTheApplicationNamesTheMissingGraphPermission() {
    azure.sandbox.faults().denyGraph("POST", "/applications$", 1);
    ResourceHandler handler = open().handler(ResourceTypes.AZURE_SERVICE_PRINCIPAL);

    assertThatThrownBy(() -> handler.create(servicePrincipal("denied"), run))
        .isInstanceOf(dev.pullplan.PullplanException.class)
        .hasMessageContaining("(403 Authorization_RequestDenied)")
        .hasMessageContaining("Microsoft Graph application permission Application.ReadWrite.OwnedBy"
            + " (or Application.ReadWrite.All)");
    assertThat(applicationsNamed("pullplan-teststack-denied")).isEmpty();
  }

  @Test
  void aRunKilledAfterTheServicePrincipalWasCreatedConvergesToOneApplicationAndOneAssignment() {
    Desired sp = servicePrincipal("crash");
    ResourceState lost = state(sp, open().handler(ResourceTypes.AZURE_SERVICE_PRINCIPAL).create(sp, run));
    open().handler(ResourceTypes.AZURE_ROLE_ASSIGNMENT).create(grantFor("crash", lost), run);

    // state was never written: the re-run creates both again from the same config
    ProviderSession rerun = open();
    ResourceState recovered = state(sp, rerun.handler(ResourceTypes.AZURE_SERVICE_PRINCIPAL).create(sp, run));
    rerun.handler(ResourceTypes.AZURE_ROLE_ASSIGNMENT).create(grantFor("crash", recovered), run);

    assertThat(applicationsNamed("pullplan-teststack-crash")).singleElement()
        .satisfies(app -> assertThat(app.passwords()).hasSize(1));
    assertThat(recovered.string("app_id")).isEqualTo(lost.string("app_id"));
    assertThat(azure.sandbox.roleAssignments())
        .filteredOn(a -> a.principalId().equalsIgnoreCase(recovered.string("object_id"))).hasSize(1);
    assertThat(pulls(recovered, recovered.sensitive().get("password"))).isTrue();
    assertThat(pulls(lost, lost.sensitive().get("password"))).isFalse();
  }

  private long applicationPosts() {
    return azure.sandbox.requests().stream()
        .filter(r -> r.method().equals("POST") && r.path().matches("/v1\\.0/applications/?")).count();
  }

  @Test
  void aConnectionResetAfterGraphCreatedTheApplicationLeavesOneApplication() {
    azure.sandbox.clearRequests();
    azure.sandbox.faults().resetAfterCreatingApplication(1);
    ProviderSession session = open();
    Desired desired = servicePrincipal("reset");

    ResourceState created = state(desired, session.handler(ResourceTypes.AZURE_SERVICE_PRINCIPAL).create(desired, run));

    // the application Graph made is found by its tags instead of being made again
    assertThat(applicationsNamed("pullplan-teststack-reset")).singleElement()
        .satisfies(app -> assertThat(app.id()).isEqualTo(created.id()));
    assertThat(applicationPosts()).isEqualTo(1);
    assertThat(created.sensitive()).containsKey("password");
    session.handler(ResourceTypes.AZURE_SERVICE_PRINCIPAL).delete(created, run);
    assertThat(applicationsNamed("pullplan-teststack-reset")).isEmpty();
  }

  @Test
  void aCreateThatGraphDidNotCarryOutIsSentAgainBounded() {
    azure.sandbox.clearRequests();
    azure.sandbox.faults().failNext("POST", "/v1\\.0/applications$", 503, "ServiceUnavailable", 2);
    ProviderSession session = open();
    Desired desired = servicePrincipal("unavailable");

    ResourceState created = state(desired, session.handler(ResourceTypes.AZURE_SERVICE_PRINCIPAL).create(desired, run));

    assertThat(applicationsNamed("pullplan-teststack-unavailable")).hasSize(1);
    assertThat(applicationPosts()).isEqualTo(3);
    session.handler(ResourceTypes.AZURE_SERVICE_PRINCIPAL).delete(created, run);

    azure.sandbox.faults().failNext("POST", "/v1\\.0/applications$", 503, "ServiceUnavailable", 50);
    assertThatThrownBy(() -> open().handler(ResourceTypes.AZURE_SERVICE_PRINCIPAL).create(desired, run))
        .hasMessageContaining("503");
    assertThat(applicationsNamed("pullplan-teststack-unavailable")).isEmpty();
    azure.sandbox.faults().reset();
  }

  @Test
  void destroyRemovesEveryApplicationTaggedForTheResourceNotOnlyTheOneInState() {
    Desired desired = servicePrincipal("dupes");
    ProviderSession session = open();
    ResourceState created = state(desired, session.handler(ResourceTypes.AZURE_SERVICE_PRINCIPAL).create(desired, run));
    // what an older build left behind when the SDK sent a create again after a reset
    MicrosoftGraphClient graph = SdkAccess.connection(azure).home().authorization().serviceClient();
    Address address = Address.of("access", "dupes", "service_principal");
    for (int i = 0; i < 2; i++) {
      graph.getApplicationsApplications().createApplication(new MicrosoftGraphApplicationInner()
          .withDisplayName("pullplan-teststack-dupes").withTags(ServicePrincipalMapping.tags("teststack", address)));
    }
    String stranger = graph.getApplicationsApplications().createApplication(new MicrosoftGraphApplicationInner()
        .withDisplayName("pullplan-teststack-dupes-other")
        .withTags(ServicePrincipalMapping.tags("otherstack", address))).id();

    session.handler(ResourceTypes.AZURE_SERVICE_PRINCIPAL).delete(created, run);

    assertThat(applicationsNamed("pullplan-teststack-dupes")).isEmpty();
    assertThat(azure.sandbox.applications()).anySatisfy(a -> assertThat(a.id()).isEqualTo(stranger));
    graph.getApplicationsApplications().deleteApplication(stranger);
  }

  @Test
  void servicePrincipalRotationKeepsTheOldPasswordWorkingUntilRetire() {
    ResourceHandler handler = open().handler(ResourceTypes.AZURE_SERVICE_PRINCIPAL);
    Desired sp = servicePrincipal("rotate");
    ResourceState before = state(sp, handler.create(sp, run));
    open().handler(ResourceTypes.AZURE_ROLE_ASSIGNMENT).create(grantFor("rotate", before), run);

    Applied rotated = ((Rotatable) handler).rotate(sp, before, run);
    ResourceState after = state(sp, rotated);

    assertThat(rotated.deposed()).contains(before);
    assertThat(after.string("key_id")).isNotEqualTo(before.string("key_id"));
    assertThat(pulls(after, after.sensitive().get("password"))).isTrue();
    assertThat(pulls(before, before.sensitive().get("password"))).isTrue();

    ((Rotatable) handler).retire(rotated.deposed().orElseThrow(), run);

    assertThat(pulls(after, after.sensitive().get("password"))).isTrue();
    assertThat(pulls(before, before.sensitive().get("password"))).isFalse();
    ((Rotatable) handler).retire(rotated.deposed().orElseThrow(), run);
  }

  @Test
  void aRotationKilledBeforeItsNewPasswordWasRecordedLeavesNoPasswordAfterRetireAllBut() {
    ResourceHandler handler = open().handler(ResourceTypes.AZURE_SERVICE_PRINCIPAL);
    Desired sp = servicePrincipal("killed");
    ResourceState before = state(sp, handler.create(sp, run));
    open().handler(ResourceTypes.AZURE_ROLE_ASSIGNMENT).create(grantFor("killed", before), run);
    // the run died here: state never learnt of this password
    ResourceState unrecorded = state(sp, ((Rotatable) handler).rotate(sp, before, run));
    assertThat(pulls(unrecorded, unrecorded.sensitive().get("password"))).isTrue();

    ((Rotatable) open().handler(ResourceTypes.AZURE_SERVICE_PRINCIPAL)).retireAllBut(before, run);

    assertThat(pulls(unrecorded, unrecorded.sensitive().get("password"))).isFalse();
    assertThat(pulls(before, before.sensitive().get("password"))).isTrue();
    ((Rotatable) handler).retireAllBut(before, run);
  }

  @Test
  void retireAllButKeepsOnlyTheTokenSlotStateHolds() {
    ProviderSession session = open();
    Desired mapDesired = scopeMap("pullplan-teststack-killed", List.of("edge/sim"));
    ResourceState map = state(mapDesired, session.handler(ResourceTypes.ACR_SCOPE_MAP).create(mapDesired, run));
    ResourceHandler tokens = session.handler(ResourceTypes.ACR_TOKEN);
    Desired tokenDesired = token("pullplan-teststack-killed", map);
    ResourceState before = state(tokenDesired, tokens.create(tokenDesired, run));
    ResourceState after = state(tokenDesired, ((Rotatable) tokens).rotate(tokenDesired, before, run));

    // the rotation was recorded and the run died before retiring the old slot
    ((Rotatable) tokens).retireAllBut(after, run);

    assertThat(pulls(before, before.sensitive().get("password"))).isFalse();
    assertThat(pulls(after, after.sensitive().get("password"))).isTrue();
    ((Rotatable) tokens).retireAllBut(after, run);
    tokens.delete(after, run);
    session.handler(ResourceTypes.ACR_SCOPE_MAP).delete(map, run);
  }

  @Test
  void scopeMapIsCreatedReadUpdatedAndDeleted() {
    ResourceHandler handler = open().handler(ResourceTypes.ACR_SCOPE_MAP);
    Desired desired = scopeMap("pullplan-teststack-maps", List.of("edge/sim"));
    ResourceState state = state(desired, handler.create(desired, run));

    assertThat(azure.sandbox.scopeMaps(REGISTRY)).filteredOn(m -> m.name().equals("pullplan-teststack-maps"))
        .singleElement().satisfies(m -> assertThat(m.actions())
            .containsExactly("repositories/edge/sim/content/read", "repositories/edge/sim/metadata/read"));
    Observed.Present read = present(open().handler(ResourceTypes.ACR_SCOPE_MAP).read(readAfter(desired, state)));
    assertThat(read.attributes()).isEqualTo(state.attributes());

    Desired wider = scopeMap("pullplan-teststack-maps", List.of("edge/sim", "edge/gw"));
    ResourceState updated = state(wider, handler.update(wider, state, run));
    assertThat(updated.attributes()).containsEntry("repositories", List.of("edge/sim", "edge/gw"));

    handler.delete(updated, run);
    assertThat(azure.sandbox.scopeMaps(REGISTRY)).noneMatch(m -> m.name().equals("pullplan-teststack-maps"));
    handler.delete(updated, run);
  }

  @Test
  void creatingScopeMapsAndTokensListsTheRegistrysOnceInsteadOfAGetBeforeEach() {
    ProviderSession session = open();
    azure.sandbox.clearRequests();
    for (String name : List.of("pullplan-teststack-many-a", "pullplan-teststack-many-b")) {
      Desired map = scopeMap(name, List.of("edge/sim"));
      Desired token = token(name, state(map, session.handler(ResourceTypes.ACR_SCOPE_MAP).create(map, run)));
      session.handler(ResourceTypes.ACR_TOKEN).create(token, run);
    }

    assertThat(gets("/scopeMaps")).isEqualTo(1);
    assertThat(gets("/tokens")).isEqualTo(1);
    assertThat(gets("/scopeMaps/pullplan-teststack-many-a")).isZero();
    assertThat(gets("/tokens/pullplan-teststack-many-b")).isZero();
  }

  @Test
  void anApplyAboutToCreateTokensListsTheRegistrysTokensAndScopeMapsBeforeItsFirstWrite() {
    ProviderSession session = open();
    Desired map = scopeMap("pullplan-teststack-early", List.of("edge/sim"));
    Desired token = token("pullplan-teststack-early", null);
    azure.sandbox.clearRequests();

    session.applying(List.of(created(map), created(token)));
    Desired made = token("pullplan-teststack-early",
        state(map, session.handler(ResourceTypes.ACR_SCOPE_MAP).create(map, run)));
    session.handler(ResourceTypes.ACR_TOKEN).create(made, run);

    String under = "/registries/" + REGISTRY + "/";
    List<String> calls = azure.sandbox.requests().stream().filter(r -> r.path().contains(under))
        .map(r -> r.method() + " " + r.path().substring(r.path().indexOf(under) + under.length())).toList();
    assertThat(calls).hasSizeGreaterThan(2);
    assertThat(calls.subList(0, 2)).containsExactlyInAnyOrder("GET scopeMaps", "GET tokens");
    assertThat(gets("/scopeMaps")).isEqualTo(1);
    assertThat(gets("/tokens")).isEqualTo(1);
  }

  @Test
  void anApplyThatCreatesNoTokenOrScopeMapListsNoneOfThem() {
    ProviderSession session = open();
    Desired map = scopeMap("pullplan-teststack-kept", List.of("edge/sim"));
    ResourceState recorded = state(map, session.handler(ResourceTypes.ACR_SCOPE_MAP).create(map, run));
    ProviderSession next = open();
    azure.sandbox.clearRequests();

    next.applying(List.of(new ReadRequest(map.address(), map.type(), Optional.of(map), Optional.of(recorded))));

    assertThat(gets("/scopeMaps")).isZero();
    assertThat(gets("/tokens")).isZero();
  }

  private static ReadRequest created(Desired desired) {
    return new ReadRequest(desired.address(), desired.type(), Optional.of(desired), Optional.empty());
  }

  /** GETs of the sandbox registry's path ending in {@code tail}. */
  private long gets(String tail) {
    return azure.sandbox.requests().stream()
        .filter(r -> r.method().equals("GET") && r.path().endsWith("/registries/" + REGISTRY + tail)).count();
  }

  @Test
  void tokenRotationKeepsTheOldPasswordWorkingUntilRetire() {
    ProviderSession session = open();
    Desired mapDesired = scopeMap("pullplan-teststack-partner", List.of("edge/sim"));
    ResourceState map = state(mapDesired, session.handler(ResourceTypes.ACR_SCOPE_MAP).create(mapDesired, run));
    ResourceHandler tokens = session.handler(ResourceTypes.ACR_TOKEN);
    Desired tokenDesired = token("pullplan-teststack-partner", map);
    ResourceState before = state(tokenDesired, tokens.create(tokenDesired, run));
    Observed.Present read = present(open().handler(ResourceTypes.ACR_TOKEN).read(readAfter(tokenDesired, before)));
    assertThat(read.attributes()).isEqualTo(before.attributes());

    Applied rotated = ((Rotatable) tokens).rotate(tokenDesired, before, run);
    ResourceState after = state(tokenDesired, rotated);

    assertThat(before.string("password_name")).isEqualTo("password1");
    assertThat(after.string("password_name")).isEqualTo("password2");
    assertThat(pulls(before, before.sensitive().get("password"))).isTrue();
    assertThat(pulls(after, after.sensitive().get("password"))).isTrue();

    ((Rotatable) tokens).retire(rotated.deposed().orElseThrow(), run);

    assertThat(pulls(before, before.sensitive().get("password"))).isFalse();
    assertThat(pulls(after, after.sensitive().get("password"))).isTrue();
    tokens.delete(after, run);
    tokens.delete(after, run);
    session.handler(ResourceTypes.ACR_SCOPE_MAP).delete(map, run);
    assertThat(azure.sandbox.tokens(REGISTRY)).noneMatch(t -> t.name().equals("pullplan-teststack-partner"));
  }

  @Test
  void aTokenOfTheWantedNameThatPullplanDidNotMakeIsForeignAndNeverTakenOver() {
    ProviderSession session = open();
    Desired mapDesired = scopeMap("pullplan-teststack-taken", List.of("edge/sim"));
    ResourceState map = state(mapDesired, session.handler(ResourceTypes.ACR_SCOPE_MAP).create(mapDesired, run));
    String mapId = map.string("scope_map_id");
    String builtIn = mapId.substring(0, mapId.lastIndexOf('/') + 1) + "_repositories_pull";
    String resourceGroup = mapId.replaceAll("(?i).*/resourceGroups/([^/]+)/.*", "$1");
    SdkAccess.connection(azure).home().registries().serviceClient().getTokens().create(resourceGroup, REGISTRY,
        "pullplan-teststack-taken", new TokenInner().withScopeMapId(builtIn).withStatus(TokenStatus.ENABLED));
    Desired tokenDesired = token("pullplan-teststack-taken", map);

    assertThat(open().handler(ResourceTypes.ACR_TOKEN).read(readNew(tokenDesired)))
        .isInstanceOfSatisfying(Observed.Foreign.class, f -> assertThat(f.description()).contains("_repositories_pull"));
    assertThatThrownBy(() -> session.handler(ResourceTypes.ACR_TOKEN).create(tokenDesired, run))
        .hasMessageContaining("not made by pullplan");
    assertThat(azure.sandbox.tokens(REGISTRY)).filteredOn(t -> t.name().equals("pullplan-teststack-taken"))
        .singleElement().satisfies(t -> {
          assertThat(t.scopeMapId()).endsWith("_repositories_pull");
          assertThat(t.passwords()).isEmpty();
        });
  }

  @Test
  void aForeignTokenIsAPlanErrorEvenWhileItsScopeMapIsStillToBeMade() {
    String name = "pullplan-teststack-early";
    String resourceGroup = "rg-registry";
    String registryId = "/subscriptions/" + azure.sandbox.subscriptionId() + "/resourceGroups/" + resourceGroup
        + "/providers/Microsoft.ContainerRegistry/registries/" + REGISTRY;
    SdkAccess.connection(azure).home().registries().serviceClient().getTokens().create(resourceGroup, REGISTRY, name,
        new TokenInner().withScopeMapId(registryId + "/scopeMaps/_repositories_pull").withStatus(TokenStatus.ENABLED));
    Map<String, Object> attrs = new LinkedHashMap<>(token(name, null).attributes());
    // the scope map is created in this same apply: its id is not known at plan time
    Address scopeMap = Address.of("access", name, "scope_map");
    attrs.put("scope_map_id", new Unknown(scopeMap, "scope_map_id"));
    Desired tokenDesired = desired(Address.of("access", name, "token"), ResourceTypes.ACR_TOKEN, attrs);

    assertThat(open().handler(ResourceTypes.ACR_TOKEN).read(readNew(tokenDesired)))
        .isInstanceOfSatisfying(Observed.Foreign.class, f -> {
          assertThat(f.description()).contains("token " + name).contains("_repositories_pull");
          assertThat(f.hint()).contains("rename the access block").contains("cannot import");
        });
    SdkAccess.connection(azure).home().registries().serviceClient().getTokens().delete(resourceGroup, REGISTRY, name);
  }

  @Test
  void anAksClusterWithoutKubeconfigGetsItsUserCredential() {
    Cluster dev = SandboxAzure.stack().cluster("dev");

    var kubeconfig = open().service(ClusterCredentials.class).orElseThrow().kubeconfig(dev);

    assertThat(kubeconfig).contains(SandboxAzure.KUBECONFIG);
  }

  @Test
  void aClusterThatIsNotAksGetsNoCredentialFromAzure() {
    Cluster partner = SandboxAzure.stack().cluster("partner");

    assertThat(open().service(ClusterCredentials.class).orElseThrow().kubeconfig(partner)).isEmpty();
  }
}
