package dev.pullplan.sandbox.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Context;
import com.azure.resourcemanager.authorization.fluent.models.ApplicationsAddPasswordRequestBodyInner;
import com.azure.resourcemanager.authorization.fluent.models.ApplicationsRemovePasswordRequestBody;
import com.azure.resourcemanager.authorization.fluent.models.MicrosoftGraphPasswordCredentialInner;
import com.azure.resourcemanager.authorization.fluent.models.RoleAssignmentInner;
import com.azure.resourcemanager.authorization.models.PrincipalType;
import com.azure.resourcemanager.authorization.models.RoleAssignmentCreateParameters;
import com.azure.resourcemanager.authorization.models.ServicePrincipal;
import com.azure.resourcemanager.containerregistry.fluent.models.GenerateCredentialsResultInner;
import com.azure.resourcemanager.containerregistry.fluent.models.ScopeMapInner;
import com.azure.resourcemanager.containerregistry.fluent.models.TokenInner;
import com.azure.resourcemanager.containerregistry.models.GenerateCredentialsParameters;
import com.azure.resourcemanager.containerregistry.models.Registry;
import com.azure.resourcemanager.containerregistry.models.TokenPasswordName;
import com.azure.resourcemanager.containerregistry.models.TokenStatus;
import com.azure.resourcemanager.containerservice.models.KubernetesCluster;
import com.azure.resourcemanager.containerservice.models.UserAssignedIdentity;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The sandbox's Azure as the real Azure SDK sees it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AzureSandboxSdkTest {

  private static final String KUBECONFIG = "apiVersion: v1\nkind: Config\nclusters: []\n";
  private static final String ACR_PULL = "7f951dda-4ed3-4680-a7ca-43fe172d538d";

  private AzureSandbox sandbox;
  private SdkClients sdk;

  @BeforeAll
  void start() {
    // LRO polls and SDK retry backoffs in milliseconds instead of seconds
    ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(d -> Duration.ofMillis(10));
    // pages of two, so every list also walks nextLink
    sandbox = AzureSandbox.start(AzureSeed.defaults(KUBECONFIG), SandboxOptions.defaults().withPageSize(2));
    sdk = SdkClients.connect(sandbox);
  }

  @AfterEach
  void wellBehaved() {
    sandbox.faults().reset();
  }

  @AfterAll
  void stop() {
    sandbox.close();
  }

  private Registry registry() {
    return sdk.registries().containerRegistries().getByResourceGroup("rg-registry", "pullplandemo");
  }

  private String kubeletObjectId() {
    return AzureSeed.defaults(KUBECONFIG).clusters().get(0).identity().objectId();
  }

  private String acrPullId() {
    return "/subscriptions/" + sandbox.subscriptionId() + "/providers/Microsoft.Authorization/roleDefinitions/"
        + ACR_PULL;
  }

  private RoleAssignmentInner assign(String scope, String principalId, PrincipalType type) {
    RoleAssignmentCreateParameters params = new RoleAssignmentCreateParameters()
        .withRoleDefinitionId(acrPullId()).withPrincipalId(principalId).withPrincipalType(type);
    return sdk.authorization().roleServiceClient().getRoleAssignments()
        .create(scope, UUID.randomUUID().toString(), params);
  }

  private ServicePrincipal newServicePrincipal(String name) {
    return sdk.authorization().servicePrincipals().define(name).withNewApplication().create();
  }

  private String addPassword(String applicationObjectId, String name) {
    return sdk.authorization().serviceClient().getApplications().addPassword(applicationObjectId,
        new ApplicationsAddPasswordRequestBodyInner().withPasswordCredential(new MicrosoftGraphPasswordCredentialInner()
            .withDisplayName(name).withEndDateTime(OffsetDateTime.now().plusDays(30)))).secretText();
  }

  private String applicationObjectId(String appId) {
    return sandbox.applications().stream().filter(a -> a.appId().equals(appId)).findFirst().orElseThrow().id();
  }

  @Test
  void registryGetShowsTheLoginServerAndTheAdminUserDisabled() {
    Registry registry = registry();

    assertThat(registry.loginServerUrl()).isEqualTo("pullplandemo.azurecr.io");
    assertThat(registry.adminUserEnabled()).isFalse();
    assertThat(registry.id()).isEqualTo("/subscriptions/" + sandbox.subscriptionId()
        + "/resourceGroups/rg-registry/providers/Microsoft.ContainerRegistry/registries/pullplandemo");
  }

  @Test
  void aMissingRegistryIsResourceNotFound() {
    assertThatThrownBy(() -> sdk.registries().containerRegistries().getByResourceGroup("rg-registry", "nope"))
        .isInstanceOfSatisfying(ManagementException.class, e -> {
          assertThat(e.getResponse().getStatusCode()).isEqualTo(404);
          assertThat(e.getValue().getCode()).isEqualTo("ResourceNotFound");
        });
  }

  @Test
  void aksGetNamesTheKubeletIdentityNotTheControlPlaneIdentity() {
    KubernetesCluster cluster = sdk.clusters().kubernetesClusters().getByResourceGroup("rg-dev", "aks-dev");

    UserAssignedIdentity kubelet = cluster.innerModel().identityProfile().get("kubeletidentity");
    assertThat(kubelet.objectId()).isEqualTo(kubeletObjectId());
    assertThat(kubelet.clientId()).isNotBlank();
    assertThat(kubelet.resourceId()).endsWith("/userAssignedIdentities/aks-dev-agentpool");
    assertThat(cluster.servicePrincipalClientId()).isEqualTo("msi");
    assertThat(cluster.innerModel().identity().principalId()).isNotEqualTo(kubelet.objectId());
  }

  @Test
  void clusterUserCredentialIsTheSeededKubeconfig() {
    byte[] kubeconfig = sdk.clusters().serviceClient().getManagedClusters()
        .listClusterUserCredentials("rg-dev", "aks-dev").kubeconfigs().get(0).value();

    assertThat(new String(kubeconfig, StandardCharsets.UTF_8)).isEqualTo(KUBECONFIG);
  }

  @Test
  void theKubeletIdentityIsAServicePrincipalInGraph() {
    ServicePrincipal kubelet = sdk.authorization().servicePrincipals().getById(kubeletObjectId());

    assertThat(kubelet.name()).isEqualTo("aks-dev-agentpool");
  }

  @Test
  void roleAssignmentIsCreatedReadListedAndDeleted() {
    String scope = registry().id();
    String principal = kubeletObjectId();
    var client = sdk.authorization().roleServiceClient().getRoleAssignments();

    RoleAssignmentInner created = assign(scope, principal, PrincipalType.SERVICE_PRINCIPAL);
    assertThat(created.scope()).isEqualTo(scope);
    assertThat(client.get(scope, created.name()).principalId()).isEqualTo(principal);
    assertThat(client.listForScope(scope, "atScope()", null, null, Context.NONE).stream().map(RoleAssignmentInner::name))
        .contains(created.name());
    assertThat(sandbox.roleAssignments()).anySatisfy(a -> {
      assertThat(a.name()).isEqualTo(created.name());
      assertThat(a.roleName()).isEqualTo("AcrPull");
    });

    client.delete(scope, created.name());

    assertThatThrownBy(() -> client.get(scope, created.name())).isInstanceOf(ManagementException.class);
    assertThat(sandbox.roleAssignments()).noneMatch(a -> a.name().equals(created.name()));
  }

  @Test
  void listingByPrincipalWalksEveryPage() {
    String principal = newServicePrincipal("pullplan-test-paging").id();
    List<String> scopes = List.of(
        "/subscriptions/" + sandbox.subscriptionId(),
        "/subscriptions/" + sandbox.subscriptionId() + "/resourceGroups/rg-registry",
        registry().id());
    scopes.forEach(s -> assign(s, principal, PrincipalType.SERVICE_PRINCIPAL));

    // the SDK puts $filter into the URL unescaped: a space must be sent already encoded
    var found = sdk.authorization().roleServiceClient().getRoleAssignments()
        .listForScope(registry().id(), "principalId%20eq%20'" + principal + "'", null, null, Context.NONE)
        .stream().toList();

    assertThat(found).extracting(RoleAssignmentInner::scope).containsExactlyInAnyOrderElementsOf(scopes);
  }

  @Test
  void anEquivalentAssignmentUnderAnotherNameIs409WithTheExistingIdWithoutDashes() {
    String scope = registry().id();
    String principal = newServicePrincipal("pullplan-test-409").id();
    RoleAssignmentInner first = assign(scope, principal, PrincipalType.SERVICE_PRINCIPAL);

    assertThatThrownBy(() -> assign(scope, principal, PrincipalType.SERVICE_PRINCIPAL))
        .isInstanceOfSatisfying(ManagementException.class, e -> {
          assertThat(e.getResponse().getStatusCode()).isEqualTo(409);
          assertThat(e.getValue().getCode()).isEqualTo("RoleAssignmentExists");
          assertThat(e.getValue().getMessage()).contains(first.name().replace("-", ""));
        });
  }

  @Test
  void aYoungPrincipalIsNotFoundUnlessPrincipalTypeIsSet() {
    sandbox.faults().replicationDelay(Duration.ofHours(1));
    String scope = registry().id();
    String principal = newServicePrincipal("pullplan-test-young").id();

    assertThatThrownBy(() -> assign(scope, principal, null))
        .isInstanceOfSatisfying(ManagementException.class, e -> {
          assertThat(e.getResponse().getStatusCode()).isEqualTo(400);
          assertThat(e.getValue().getCode()).isEqualTo("PrincipalNotFound");
        });
    assertThat(assign(scope, principal, PrincipalType.SERVICE_PRINCIPAL).principalType())
        .isEqualTo(PrincipalType.SERVICE_PRINCIPAL);
  }

  @Test
  void acrPullIsFoundByRoleNameCaseInsensitively() {
    var role = sdk.authorization().roleDefinitions().getByScopeAndRoleName(registry().id(), "acrpull");

    assertThat(role.id()).endsWith("/" + ACR_PULL);
    assertThat(role.roleName()).isEqualTo("AcrPull");
  }

  @Test
  void throttledRequestsAreRetriedAfterRetryAfter() {
    sandbox.faults().rateLimit(2, Duration.ofSeconds(1));
    sandbox.clearRequests();

    for (int i = 0; i < 4; i++) {
      assertThat(registry().name()).isEqualTo("pullplandemo");
    }

    List<RecordedRequest> arm = sandbox.requests().stream().filter(r -> r.api() == Api.ARM).toList();
    assertThat(arm).extracting(RecordedRequest::status).contains(429).endsWith(200);
    assertThat(arm.stream().filter(r -> r.status() == 200)).hasSize(4);
  }

  @Test
  void anInjectedFailureHitsOnceAndTheSdkRetriesIt() {
    sandbox.faults().failNext("GET", "/registries/pullplandemo$", 503);
    sandbox.clearRequests();

    assertThat(registry().name()).isEqualTo("pullplandemo");

    assertThat(sandbox.requests()).filteredOn(r -> r.api() == Api.ARM).extracting(RecordedRequest::status)
        .containsExactly(503, 200);
  }

  @Test
  void servicePrincipalWithNewApplicationExistsInTheDirectory() {
    ServicePrincipal sp = newServicePrincipal("pullplan-test-sp");

    assertThat(sandbox.applications()).filteredOn(a -> a.displayName().equals("pullplan-test-sp"))
        .singleElement().satisfies(a -> assertThat(a.appId()).isEqualTo(sp.applicationId()));
    assertThat(sandbox.servicePrincipals()).filteredOn(s -> s.id().equals(sp.id()))
        .singleElement().satisfies(s -> assertThat(s.appId()).isEqualTo(sp.applicationId()));
    assertThat(sdk.authorization().servicePrincipals().getByName(sp.applicationId()).id()).isEqualTo(sp.id());
  }

  @Test
  void anApplicationPasswordWithAcrPullLogsInUntilItIsRemoved() {
    ServicePrincipal sp = newServicePrincipal("pullplan-test-password");
    String appObjectId = applicationObjectId(sp.applicationId());
    String secret = addPassword(appObjectId, "pw1");
    assertThat(sandbox.acceptsRegistryLogin("pullplandemo", sp.applicationId(), secret)).isFalse();
    assign(registry().id(), sp.id(), PrincipalType.SERVICE_PRINCIPAL);
    assertThat(sandbox.acceptsRegistryLogin("pullplandemo", sp.applicationId(), secret)).isTrue();

    String keyId = sandbox.applications().stream().filter(a -> a.id().equals(appObjectId)).findFirst()
        .orElseThrow().passwordKeyIds().get(0);
    sdk.authorization().serviceClient().getApplications().removePassword(appObjectId,
        new ApplicationsRemovePasswordRequestBody().withKeyId(UUID.fromString(keyId)));

    assertThat(sandbox.acceptsRegistryLogin("pullplandemo", sp.applicationId(), secret)).isFalse();
    assertThat(sandbox.applications()).filteredOn(a -> a.id().equals(appObjectId))
        .singleElement().satisfies(a -> assertThat(a.passwords()).isEmpty());
  }

  @Test
  void tokenWithGeneratedPasswordLogsInUntilTheTokenIsDeleted() {
    var acr = sdk.registries().containerRegistries().manager().serviceClient();
    ScopeMapInner scopeMap = acr.getScopeMaps().create("rg-registry", "pullplandemo", "partner-pull",
        new ScopeMapInner().withDescription("partner").withActions(
            List.of("repositories/edge/sim/content/read", "repositories/edge/sim/metadata/read")));
    TokenInner token = acr.getTokens().create("rg-registry", "pullplandemo", "partner",
        new TokenInner().withScopeMapId(scopeMap.id()).withStatus(TokenStatus.ENABLED));
    GenerateCredentialsResultInner generated = acr.getRegistries().generateCredentials("rg-registry",
        "pullplandemo", new GenerateCredentialsParameters().withTokenId(token.id())
            .withExpiry(OffsetDateTime.now().plusDays(30)).withName(TokenPasswordName.PASSWORD1));
    String password = generated.passwords().get(0).value();

    assertThat(generated.username()).isEqualTo("partner");
    assertThat(sandbox.tokens("pullplandemo")).singleElement().satisfies(t -> {
      assertThat(t.scopeMapId()).isEqualTo(scopeMap.id());
      assertThat(t.passwords()).extracting(TokenView.TokenPasswordView::name).containsExactly("password1");
    });
    assertThat(sandbox.acceptsRegistryLogin("pullplandemo", "partner", password)).isTrue();

    acr.getTokens().delete("rg-registry", "pullplandemo", "partner");

    assertThat(sandbox.tokens("pullplandemo")).isEmpty();
    assertThat(sandbox.acceptsRegistryLogin("pullplandemo", "partner", password)).isFalse();
  }

  @Test
  void builtInScopeMapsExistInEveryRegistry() {
    var acr = sdk.registries().containerRegistries().manager().serviceClient();

    assertThat(acr.getScopeMaps().list("rg-registry", "pullplandemo").stream().map(ScopeMapInner::name))
        .contains("_repositories_pull", "_repositories_pull_metadata_read", "_repositories_push",
            "_repositories_admin");
  }

  @Test
  void theRequestLogRecordsCallsInOrderWithTheirApiVersion() {
    sandbox.clearRequests();

    registry();
    sdk.clusters().kubernetesClusters().getByResourceGroup("rg-dev", "aks-dev");

    List<RecordedRequest> arm = sandbox.requests().stream().filter(r -> r.api() == Api.ARM).toList();
    assertThat(arm).extracting(RecordedRequest::line).containsExactly(
        "GET /subscriptions/" + sandbox.subscriptionId()
            + "/resourceGroups/rg-registry/providers/Microsoft.ContainerRegistry/registries/pullplandemo -> 200",
        "GET /subscriptions/" + sandbox.subscriptionId()
            + "/resourceGroups/rg-dev/providers/Microsoft.ContainerService/managedClusters/aks-dev -> 200");
    assertThat(arm).allSatisfy(r -> assertThat(r.apiVersion()).isPresent());
  }

  @Test
  void noSecretReachesTheRequestLog() {
    ServicePrincipal sp = newServicePrincipal("pullplan-test-log");
    String secret = addPassword(applicationObjectId(sp.applicationId()), "pw");

    String log = sandbox.requests().toString();

    assertThat(log).doesNotContain(secret).doesNotContain(sandbox.clientSecret()).contains("addPassword");
  }
}
