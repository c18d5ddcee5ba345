package dev.pullplan.provider.azure;

import com.azure.resourcemanager.authorization.fluent.models.MicrosoftGraphServicePrincipalInner;
import com.azure.resourcemanager.containerregistry.fluent.models.RegistryInner;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.containerservice.models.UserAssignedIdentity;
import dev.pullplan.PullplanException;
import dev.pullplan.expand.Expander;
import dev.pullplan.model.AzureResourceRef;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.spi.OncePerKey;
import dev.pullplan.spi.RunContext;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registries and AKS clusters resources name, looked up once per run: many resources refer
 * to the same registry, and a plan's call count must not grow with them.
 */
final class AzureResources {
  private static final String KUBELET_IDENTITY = "kubeletidentity";
  private static final Pattern REGISTRY_CHILD = Pattern.compile(
      "(?i)/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.ContainerRegistry/registries/([^/]+)/.+");
  private static final Pattern REGISTRY_ID = Pattern.compile(
      "(?i)/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.ContainerRegistry/registries/([^/]+)/?");
  // what servicePrincipalProfile.clientId says when the cluster runs with managed identities
  private static final String MANAGED_IDENTITY_MARKER = "msi";

  private final RunContext run;
  private final AzureSettings settings;
  private final Lazy<AzureConnection> connection;
  private final OncePerKey<String, AcrRegistry> registries = new OncePerKey<>();
  private final OncePerKey<String, AksCluster> clusters = new OncePerKey<>();
  private final OncePerKey<String, String> kubeconfigs = new OncePerKey<>();
  private final Map<String, ExpiringToken> aksTokens = new ConcurrentHashMap<>();

  AzureResources(RunContext run, AzureSettings settings, Lazy<AzureConnection> connection) {
    this.run = run;
    this.settings = settings;
    this.connection = connection;
  }

  RunContext run() {
    return run;
  }

  /** The registry a resource names in its {@code acr} attribute ({@link AzureResourceRef#text}). */
  AcrRegistry registry(String acr) {
    AzureResourceRef ref = AzureResourceRef.parse(acr);
    return registries.get(key(ref), k -> fetchRegistry(ref));
  }

  /**
   * The registry a recorded object lives in, from the ARM id state holds: state, not today's
   * config, says where an object is, so a renamed or removed {@code registry} block still reaches
   * it. A recorded id that is not a registry's child falls back to the recorded {@code acr}.
   */
  AcrRegistry registryOf(ResourceState recorded) {
    Matcher m = REGISTRY_CHILD.matcher(recorded.id());
    if (!m.matches()) {
      return registry(recorded.string(Expander.ACR));
    }
    AzureResourceRef ref = new AzureResourceRef(m.group(3), m.group(2), Optional.of(m.group(1)));
    return registries.get(key(ref), k -> fetchRegistry(ref));
  }

  /** The registry of an ARM registry id (a role assignment's recorded scope). */
  AcrRegistry registryAt(String registryId) {
    Matcher m = REGISTRY_ID.matcher(registryId);
    if (!m.matches()) {
      throw new PullplanException("not the ARM id of a container registry: " + registryId);
    }
    AzureResourceRef ref = new AzureResourceRef(m.group(3), m.group(2), Optional.of(m.group(1)));
    return registries.get(key(ref), k -> fetchRegistry(ref));
  }

  private AcrRegistry fetchRegistry(AzureResourceRef ref) {
    String subscription = subscription(ref);
    String scope = "/subscriptions/" + subscription + "/resourceGroups/" + ref.resourceGroup()
        + "/providers/Microsoft.ContainerRegistry/registries/" + ref.name();
    RegistryInner inner = AzureCalls.find(AzureOperation.READ_REGISTRY, scope, () ->
            connection.get().managers(subscription).registries().serviceClient().getRegistries()
                .getByResourceGroup(ref.resourceGroup(), ref.name()))
        .orElseThrow(() -> new PullplanException("registry " + ref.name() + " not found in resource group "
            + ref.resourceGroup() + " of subscription " + subscription));
    boolean admin = Boolean.TRUE.equals(inner.adminUserEnabled());
    if (admin) {
      run.warn("registry " + ref.name() + " has its admin user enabled: anyone with its shared password can push"
          + " and pull; pullplan never uses it. Disable it with `az acr update -n " + ref.name()
          + " --admin-enabled false`");
    }
    return new AcrRegistry(inner.id(), subscription, ref.resourceGroup(), inner.name(), inner.loginServer(), admin,
        RegistryMode.of(inner.roleAssignmentMode()));
  }

  /** The AKS cluster a resource names in its {@code aks} attribute, with the identity that pulls images. */
  AksCluster cluster(String aks) {
    AzureResourceRef ref = AzureResourceRef.parse(aks);
    return clusters.get(key(ref), k -> fetchCluster(ref));
  }

  private AksCluster fetchCluster(AzureResourceRef ref) {
    String subscription = subscription(ref);
    String scope = clusterScope(ref, subscription);
    ManagedClusterInner inner = AzureCalls.find(AzureOperation.READ_CLUSTER, scope, () ->
            connection.get().managers(subscription).clusters().serviceClient().getManagedClusters()
                .getByResourceGroup(ref.resourceGroup(), ref.name()))
        .orElseThrow(() -> new PullplanException("AKS cluster " + ref.name() + " not found in resource group "
            + ref.resourceGroup() + " of subscription " + subscription));
    UserAssignedIdentity kubelet = inner.identityProfile() == null ? null
        : inner.identityProfile().get(KUBELET_IDENTITY);
    if (kubelet != null && kubelet.objectId() != null) {
      return new AksCluster(inner.id(), subscription, ref.resourceGroup(), inner.name(), kubelet.objectId(),
          "kubelet identity " + identityName(kubelet));
    }
    String clientId = inner.servicePrincipalProfile() == null ? null : inner.servicePrincipalProfile().clientId();
    if (clientId == null || clientId.equalsIgnoreCase(MANAGED_IDENTITY_MARKER)) {
      throw new PullplanException("AKS cluster " + ref.name() + " has neither a kubelet identity nor a service"
          + " principal: cannot tell who pulls its images");
    }
    MicrosoftGraphServicePrincipalInner sp = servicePrincipalByAppId(clientId).orElseThrow(() ->
        new PullplanException("the service principal of AKS cluster " + ref.name() + " (appId " + clientId
            + ") is not in the directory"));
    return new AksCluster(inner.id(), subscription, ref.resourceGroup(), inner.name(), sp.id(),
        "cluster service principal " + sp.displayName());
  }

  Optional<MicrosoftGraphServicePrincipalInner> servicePrincipalByAppId(String appId) {
    String filter = "servicePrincipalNames/any(c:c eq '" + ODataText.quote(appId) + "')";
    return AzureCalls.call(AzureOperation.READ_SERVICE_PRINCIPAL, "appId " + appId, () ->
        connection.get().home().authorization().serviceClient().getServicePrincipalsServicePrincipals()
            .listServicePrincipal(null, null, null, null, filter, null, null, null, null,
                com.azure.core.util.Context.NONE)
            .stream().findFirst());
  }

  /** The user kubeconfig of an AKS cluster, in memory only. */
  String kubeconfig(AzureResourceRef ref) {
    return kubeconfigs.get(key(ref), k -> {
      String subscription = subscription(ref);
      var result = AzureCalls.call(AzureOperation.LIST_CLUSTER_USER_CREDENTIAL, clusterScope(ref, subscription), () ->
          connection.get().managers(subscription).clusters().serviceClient().getManagedClusters()
              .listClusterUserCredentials(ref.resourceGroup(), ref.name()));
      if (result.kubeconfigs() == null || result.kubeconfigs().isEmpty()) {
        throw new PullplanException("AKS cluster " + ref.name() + " returned no user kubeconfig");
      }
      String kubeconfig = new String(result.kubeconfigs().get(0).value(), StandardCharsets.UTF_8);
      if (!EntraKubeconfig.usesKubelogin(kubeconfig)) {
        return kubeconfig;
      }
      // an Entra-only cluster: the token kubelogin would fetch, fetched with pullplan's own login
      String token = aksServerToken(ref).get();
      run.progress("AKS cluster " + ref.name() + " accepts only Entra ID: using a token for the AKS server"
          + " application from pullplan's Azure login");
      return EntraKubeconfig.withToken(kubeconfig, token, ref.name());
    });
  }

  /**
   * The token for the AKS Entra server application that the Kubernetes API of an Entra-only cluster
   * takes, fetched again as it nears expiry; one per cluster, so concurrent requests share it.
   */
  java.util.function.Supplier<String> aksServerToken(AzureResourceRef ref) {
    return aksTokens.computeIfAbsent(key(ref), k -> {
      String scope = clusterScope(ref, subscription(ref));
      return new ExpiringToken(() -> AzureCalls.call(AzureOperation.GET_AKS_TOKEN, scope, () ->
          connection.get().accessToken(EntraKubeconfig.SCOPE)), java.time.Clock.systemUTC());
    });
  }

  /** Whether the user kubeconfig of this AKS cluster needed an Entra token (it came with a kubelogin exec). */
  boolean entraOnly(AzureResourceRef ref) {
    kubeconfig(ref);
    return aksTokens.containsKey(key(ref));
  }

  private String subscription(AzureResourceRef ref) {
    return ref.subscriptionId().orElseGet(() -> settings.requireSubscription());
  }

  private static String clusterScope(AzureResourceRef ref, String subscription) {
    return "/subscriptions/" + subscription + "/resourceGroups/" + ref.resourceGroup()
        + "/providers/Microsoft.ContainerService/managedClusters/" + ref.name();
  }

  private static String identityName(UserAssignedIdentity identity) {
    String id = identity.resourceId() == null ? "" : identity.resourceId();
    String name = id.substring(id.lastIndexOf('/') + 1);
    return name.isEmpty() ? identity.clientId() : name;
  }

  /** One entry per Azure object, whether the config names its subscription or leaves it to the provider's. */
  private String key(AzureResourceRef ref) {
    return (subscription(ref) + "/" + ref.resourceGroup() + "/" + ref.name()).toLowerCase(Locale.ROOT);
  }
}
