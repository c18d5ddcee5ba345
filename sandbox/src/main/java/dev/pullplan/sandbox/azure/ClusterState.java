package dev.pullplan.sandbox.azure;

import java.util.Locale;

/** An AKS cluster of the seed, with the ids and names ARM derives from it. */
record ClusterState(String subscriptionId, AzureSeed.Cluster seed) {

  static final String TYPE = "Microsoft.ContainerService/managedClusters";

  String id() {
    // AKS answers with a lower-case "resourcegroups" segment
    return "/subscriptions/" + subscriptionId + "/resourcegroups/" + seed.resourceGroup() + "/providers/" + TYPE
        + "/" + seed.name();
  }

  String fqdn() {
    return seed.name().toLowerCase(Locale.ROOT) + "-" + Integer.toHexString(Math.abs(id().hashCode()))
        + ".hcp." + seed.location() + ".azmk8s.io";
  }

  String nodeResourceGroup() {
    return "MC_" + seed.resourceGroup() + "_" + seed.name() + "_" + seed.location();
  }
}
