package dev.pullplan.provider.azure;

import dev.pullplan.testing.TestRun;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import dev.pullplan.address.Address;
import dev.pullplan.model.Stack;
import dev.pullplan.sandbox.azure.AzureSandbox;
import dev.pullplan.sandbox.azure.AzureSeed;
import dev.pullplan.sandbox.azure.SandboxOptions;
import dev.pullplan.spi.Applied;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.Lifecycle;
import dev.pullplan.spi.Observed;
import dev.pullplan.spi.ReadRequest;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.testing.TestStacks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's Azure with the provider pointed at it the way a private-cloud user would point it
 * at theirs: endpoint variables, a CA file, a client secret in the environment.
 */
final class SandboxAzure implements AutoCloseable {
  static final String KUBECONFIG = "apiVersion: v1\nkind: Config\nclusters:\n- name: aks-dev\n"
      + "  cluster: {server: 'https://127.0.0.1:6443'}\ncurrent-context: aks-dev\n";
  /** The registry the {@code shared} block of {@link TestStacks} names, as the engine hands it to Azure handlers. */
  static final String ACR = "rg-registry/pullplandemo";
  static final String LEGACY_CLUSTER_OBJECT_ID = "6d2c9a41-0000-4000-8000-00000000f006";
  /** The user kubeconfig AKS hands out for a cluster with Entra ID and local accounts disabled. */
  static final String KUBELOGIN_KUBECONFIG = "apiVersion: v1\nclusters:\n- cluster:\n"
      + "    certificate-authority-data: Y2E=\n    server: https://127.0.0.1:6443\n  name: aks-entra\n"
      + "contexts:\n- context:\n    cluster: aks-entra\n    user: clusterUser_rg-dev_aks-entra\n  name: aks-entra\n"
      + "current-context: aks-entra\nkind: Config\npreferences: {}\nusers:\n"
      + "- name: clusterUser_rg-dev_aks-entra\n  user:\n    exec:\n"
      + "      apiVersion: client.authentication.k8s.io/v1beta1\n      args:\n      - get-token\n"
      + "      - --environment\n      - AzurePublicCloud\n      - --server-id\n"
      + "      - 6dae42f8-4368-4678-94ff-3960e28e3630\n      - --client-id\n"
      + "      - 80faf920-1908-4b52-b5ef-a8e7bedfc67a\n      - --tenant-id\n      - 72f988bf-0000-4000-8000-00000000a001\n"
      + "      - --login\n      - devicecode\n      command: kubelogin\n      env: null\n"
      + "      installHint: install kubelogin\n      interactiveMode: IfAvailable\n      provideClusterInfo: false\n";

  final AzureSandbox sandbox;
  final Map<String, String> environment;

  SandboxAzure(Path tempDir) {
    // LRO polls and the provider's replication waits go through the SDK's delay hook
    this(tempDir, SandboxOptions.defaults(), d -> Duration.ofMillis(10));
  }

  /**
   * With the sandbox's options and the SDK's delay hook as given: {@code d -> d} keeps the SDK's own
   * waits, so a test sees the intervals a user would.
   */
  SandboxAzure(Path tempDir, SandboxOptions options, com.azure.core.management.provider.DelayProvider delays) {
    ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(delays);
    AzureSeed seed = AzureSeed.defaults(KUBECONFIG)
        // a string prefix of rg-registry, not a parent of it
        .withResourceGroup("rg-reg")
        .withCluster(new AzureSeed.Cluster("rg-dev", "aks-legacy", "westeurope",
            new AzureSeed.ClusterServicePrincipal(LEGACY_CLUSTER_OBJECT_ID, "1f3e5a77-0000-4000-8000-00000000f007"),
            KUBECONFIG))
        .withCluster(new AzureSeed.Cluster("rg-dev", "aks-entra", "westeurope",
            new AzureSeed.KubeletIdentity("4c2a7d3f-0000-4000-8000-00000000f008", "5d3b8e40-0000-4000-8000-00000000f009",
                "/subscriptions/" + AzureSeed.DEFAULT_SUBSCRIPTION + "/resourceGroups/MC_rg-dev_aks-entra_westeurope"
                    + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks-entra-agentpool"),
            KUBELOGIN_KUBECONFIG).withLocalAccountsDisabled());
    sandbox = AzureSandbox.start(seed, options);
    Path ca = sandbox.writeCa(tempDir.resolve("sandbox-ca.pem"));
    environment = Map.of(
        "AZURE_SUBSCRIPTION_ID", sandbox.subscriptionId(),
        "AZURE_TENANT_ID", sandbox.tenantId(),
        "AZURE_CLIENT_ID", sandbox.clientId(),
        "AZURE_CLIENT_SECRET", sandbox.clientSecret(),
        "AZURE_AUTHORITY_HOST", sandbox.authorityHost(),
        "PULLPLAN_AZURE_ENDPOINT", sandbox.armEndpoint(),
        "PULLPLAN_AZURE_GRAPH_ENDPOINT", sandbox.graphEndpoint(),
        "PULLPLAN_AZURE_CA_FILE", ca.toString());
  }

  static Stack stack() {
    return TestStacks.stack().aks("legacy", "aks-legacy").build();
  }

  TestRun run() {
    return new TestRun(stack(), environment);
  }

  static Desired desired(Address address, String type, Map<String, Object> attributes) {
    return new Desired(address, type, attributes, Map.of(), Lifecycle.NONE);
  }

  static ResourceState state(Desired desired, Applied applied) {
    return new ResourceState(desired.address(), desired.type(), "azure", applied.id(), applied.attributes(),
        applied.sensitive(), List.of());
  }

  static ReadRequest readAfter(Desired desired, ResourceState prior) {
    return new ReadRequest(desired.address(), desired.type(), Optional.of(desired), Optional.of(prior));
  }

  static ReadRequest readNew(Desired desired) {
    return new ReadRequest(desired.address(), desired.type(), Optional.of(desired), Optional.empty());
  }

  static ReadRequest readForDelete(ResourceState prior) {
    return new ReadRequest(prior.address(), prior.type(), Optional.empty(), Optional.of(prior));
  }

  static Observed.Present present(Observed observed) {
    if (observed instanceof Observed.Present p) {
      return p;
    }
    throw new AssertionError("expected the object to be present, was " + observed);
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
