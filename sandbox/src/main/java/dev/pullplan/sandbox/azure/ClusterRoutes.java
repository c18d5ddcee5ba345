package dev.pullplan.sandbox.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;

/** Microsoft.ContainerService: managed clusters and their kubeconfigs. */
final class ClusterRoutes {

  private final AzureWorld world;
  private final SandboxOptions options;

  ClusterRoutes(AzureWorld world, SandboxOptions options) {
    this.world = world;
    this.options = options;
  }

  void register(Router router) {
    router.on("GET", ArmPaths.SUB + ArmPaths.CLUSTERS, (call, m) -> {
      world.requireSubscription(m.group("sub"));
      return list(call, world.clusters().stream().map(this::render).toList());
    });
    router.on("GET", ArmPaths.RG + ArmPaths.CLUSTERS, (call, m) -> {
      String rg = world.requireResourceGroup(m.group("sub"), m.group("rg"));
      return list(call, world.clusters().stream()
          .filter(c -> c.seed().resourceGroup().equalsIgnoreCase(rg)).map(this::render).toList());
    });
    router.on("GET", ArmPaths.CLUSTER, (call, m) -> Reply.ok(render(cluster(m))));
    router.on("POST", ArmPaths.CLUSTER + "/listClusterUserCredential", (call, m) ->
        credentials(cluster(m), "clusterUser"));
    router.on("POST", ArmPaths.CLUSTER + "/listClusterAdminCredential", (call, m) -> {
      ClusterState cluster = cluster(m);
      if (cluster.seed().localAccountsDisabled()) {
        throw ApiException.badRequest("BadRequest", "Getting static credential is not allowed because this cluster"
            + " is set to disable local accounts.");
      }
      return credentials(cluster, "clusterAdmin");
    });
  }

  private ClusterState cluster(Matcher m) {
    return world.requireCluster(m.group("sub"), m.group("rg"), m.group("aks"));
  }

  private Reply list(HttpCall call, List<ObjectNode> items) {
    return Reply.ok(Pages.page(call, items, options.pageSize(), "nextLink"));
  }

  private static Reply credentials(ClusterState cluster, String name) {
    ObjectNode body = Json.object();
    body.putArray("kubeconfigs").addObject().put("name", name).put("value",
        Base64.getEncoder().encodeToString(cluster.seed().kubeconfigYaml().getBytes(StandardCharsets.UTF_8)));
    return Reply.ok(body);
  }

  private ObjectNode render(ClusterState c) {
    AzureSeed.Cluster seed = c.seed();
    ObjectNode node = Json.object();
    node.put("id", c.id());
    node.put("name", seed.name());
    node.put("type", "Microsoft.ContainerService/ManagedClusters");
    node.put("location", seed.location());
    node.putObject("tags");
    node.putObject("sku").put("name", "Base").put("tier", "Free");
    ObjectNode props = node.putObject("properties");
    props.put("provisioningState", "Succeeded");
    props.putObject("powerState").put("code", "Running");
    props.put("kubernetesVersion", "1.31.2");
    props.put("currentKubernetesVersion", "1.31.2");
    props.put("dnsPrefix", seed.name() + "-dns");
    props.put("fqdn", c.fqdn());
    props.put("nodeResourceGroup", c.nodeResourceGroup());
    props.put("enableRBAC", true);
    if (seed.localAccountsDisabled()) {
      props.put("disableLocalAccounts", true);
      props.putObject("aadProfile").put("managed", true).put("enableAzureRBAC", true)
          .put("tenantID", world.seed().tenantId());
    }
    props.putArray("agentPoolProfiles").addObject()
        .put("name", "nodepool1").put("count", 1).put("vmSize", "Standard_D2s_v3").put("osType", "Linux")
        .put("mode", "System").put("type", "VirtualMachineScaleSets").put("provisioningState", "Succeeded")
        .put("orchestratorVersion", "1.31.2");
    ObjectNode network = props.putObject("networkProfile");
    network.put("networkPlugin", "azure").put("loadBalancerSku", "standard");
    if (seed.identity() instanceof AzureSeed.KubeletIdentity kubelet) {
      // the control-plane identity: never the one that pulls images
      node.putObject("identity").put("type", "SystemAssigned")
          .put("principalId", UUID.nameUUIDFromBytes((c.id() + "/control-plane").getBytes(StandardCharsets.UTF_8))
              .toString())
          .put("tenantId", world.seed().tenantId());
      props.putObject("servicePrincipalProfile").put("clientId", "msi");
      props.putObject("identityProfile").putObject("kubeletidentity")
          .put("resourceId", kubelet.resourceId())
          .put("clientId", kubelet.clientId())
          .put("objectId", kubelet.objectId());
    } else {
      props.putObject("servicePrincipalProfile").put("clientId", seed.identity().clientId());
    }
    return node;
  }
}
