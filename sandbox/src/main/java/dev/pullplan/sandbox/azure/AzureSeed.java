package dev.pullplan.sandbox.azure;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What exists in the sandbox's Azure when it starts.
 *
 * @param tenantId the Entra tenant
 * @param subscriptionId the one subscription
 * @param clientId the application id the token endpoint accepts (its secret is made at start)
 * @param resourceGroups resource group names
 * @param registries container registries, each in one of the resource groups
 * @param clusters AKS clusters, each in one of the resource groups
 */
public record AzureSeed(String tenantId, String subscriptionId, String clientId, List<String> resourceGroups,
    List<Registry> registries, List<Cluster> clusters) {

  public static final String DEFAULT_TENANT = "72f988bf-0000-4000-8000-00000000a001";
  public static final String DEFAULT_SUBSCRIPTION = "5f1c2a9e-0000-4000-8000-00000000b002";
  public static final String DEFAULT_CLIENT_ID = "0c4e2d71-0000-4000-8000-00000000c003";

  public AzureSeed {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(clientId, "clientId");
    resourceGroups = List.copyOf(resourceGroups);
    registries = List.copyOf(registries);
    clusters = List.copyOf(clusters);
    for (Registry r : registries) {
      requireGroup(resourceGroups, r.resourceGroup(), "registry " + r.name());
    }
    for (Cluster c : clusters) {
      requireGroup(resourceGroups, c.resourceGroup(), "cluster " + c.name());
    }
  }

  /**
   * The built-in world: resource groups {@code rg-registry} and {@code rg-dev}, the registry
   * {@code pullplandemo} (admin user disabled) and the managed-identity AKS cluster {@code aks-dev}
   * whose user credential is {@code kubeconfigYaml}.
   */
  public static AzureSeed defaults(String kubeconfigYaml) {
    return new AzureSeed(DEFAULT_TENANT, DEFAULT_SUBSCRIPTION, DEFAULT_CLIENT_ID, List.of("rg-registry", "rg-dev"),
        List.of(new Registry("rg-registry", "pullplandemo", "westeurope", "Standard", false)),
        List.of(new Cluster("rg-dev", "aks-dev", "westeurope",
            new KubeletIdentity("3b1f6c2e-0000-4000-8000-00000000d004", "8a7c1e55-0000-4000-8000-00000000e005",
                "/subscriptions/" + DEFAULT_SUBSCRIPTION
                    + "/resourceGroups/MC_rg-dev_aks-dev_westeurope/providers/Microsoft.ManagedIdentity"
                    + "/userAssignedIdentities/aks-dev-agentpool"),
            kubeconfigYaml)));
  }

  public AzureSeed withResourceGroup(String name) {
    return new AzureSeed(tenantId, subscriptionId, clientId, append(resourceGroups, name), registries, clusters);
  }

  public AzureSeed withRegistry(Registry registry) {
    return new AzureSeed(tenantId, subscriptionId, clientId, resourceGroups, append(registries, registry), clusters);
  }

  public AzureSeed withCluster(Cluster cluster) {
    return new AzureSeed(tenantId, subscriptionId, clientId, resourceGroups, registries, append(clusters, cluster));
  }

  /** A container registry; its login server is {@code <name>.azurecr.io}. */
  public record Registry(String resourceGroup, String name, String location, String sku, boolean adminUserEnabled) {
    public Registry {
      Objects.requireNonNull(resourceGroup, "resourceGroup");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(sku, "sku");
    }

    public String loginServer() {
      return name.toLowerCase(java.util.Locale.ROOT) + ".azurecr.io";
    }
  }

  /**
   * An AKS cluster whose user and admin credentials return {@code kubeconfigYaml}. With
   * {@code localAccountsDisabled} it is an Entra ID–integrated cluster without local accounts: the
   * admin credential is refused, and {@code kubeconfigYaml} is the user kubeconfig AKS hands out for
   * such a cluster (a {@code kubelogin} exec).
   */
  public record Cluster(String resourceGroup, String name, String location, ClusterIdentity identity,
      String kubeconfigYaml, boolean localAccountsDisabled) {

    public Cluster(String resourceGroup, String name, String location, ClusterIdentity identity,
        String kubeconfigYaml) {
      this(resourceGroup, name, location, identity, kubeconfigYaml, false);
    }

    /** The same cluster with Entra ID integration and local accounts disabled. */
    public Cluster withLocalAccountsDisabled() {
      return new Cluster(resourceGroup, name, location, identity, kubeconfigYaml, true);
    }

    public Cluster {
      Objects.requireNonNull(resourceGroup, "resourceGroup");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(kubeconfigYaml, "kubeconfigYaml");
    }

    @Override
    public String toString() {
      // a kubeconfig carries cluster credentials
      return "Cluster[resourceGroup=" + resourceGroup + ", name=" + name + ", location=" + location
          + ", identity=" + identity + ", kubeconfigYaml=<redacted>, localAccountsDisabled=" + localAccountsDisabled
          + "]";
    }
  }

  /** Who pulls images for a cluster's nodes. */
  public sealed interface ClusterIdentity permits KubeletIdentity, ClusterServicePrincipal {
    /** The object id that role assignments name. */
    String objectId();

    /** The application (client) id. */
    String clientId();
  }

  /** A managed-identity cluster's kubelet identity ({@code identityProfile.kubeletidentity}). */
  public record KubeletIdentity(String objectId, String clientId, String resourceId) implements ClusterIdentity {
  }

  /**
   * A legacy cluster that runs as a service principal ({@code servicePrincipalProfile.clientId});
   * the sandbox creates its application and service principal in the directory.
   */
  public record ClusterServicePrincipal(String objectId, String clientId) implements ClusterIdentity {
  }

  private static void requireGroup(List<String> groups, String group, String what) {
    if (groups.stream().noneMatch(g -> g.equalsIgnoreCase(group))) {
      throw new IllegalArgumentException(what + " names resource group " + group + " which the seed does not have");
    }
  }

  private static <T> List<T> append(List<T> list, T item) {
    List<T> copy = new ArrayList<>(list);
    copy.add(item);
    return copy;
  }
}
