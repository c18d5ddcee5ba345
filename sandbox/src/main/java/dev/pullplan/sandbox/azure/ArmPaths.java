package dev.pullplan.sandbox.azure;

/** Path patterns of ARM resources, with named groups {@code sub}, {@code rg} and the resource name. */
final class ArmPaths {

  static final String SUB = "/subscriptions/(?<sub>[^/]+)";
  static final String RG = SUB + "/resourceGroups/(?<rg>[^/]+)";
  static final String REGISTRIES = "/providers/Microsoft\\.ContainerRegistry/registries";
  static final String REGISTRY = RG + REGISTRIES + "/(?<reg>[^/]+)";
  static final String CLUSTERS = "/providers/Microsoft\\.ContainerService/managedClusters";
  static final String CLUSTER = RG + CLUSTERS + "/(?<aks>[^/]+)";
  /** Any scope (possibly the root, then empty) followed by an authorization collection. */
  static final String SCOPE = "(?<scope>.*)/providers/Microsoft\\.Authorization";

  private ArmPaths() {
  }

  /** Where a resource provider's long-running operations are polled. */
  static String operationsPath(String subscriptionId, String providerNamespace, String location) {
    return "/subscriptions/" + subscriptionId + "/providers/" + providerNamespace + "/locations/" + location;
  }
}
