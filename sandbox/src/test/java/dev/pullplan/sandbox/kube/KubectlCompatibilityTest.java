package dev.pullplan.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl drives the sandbox through the seeds' commands; what the sandbox then holds is
 * read back with the fabric8 client. Skipped, with the reason printed, where kubectl is missing.
 */
class KubectlCompatibilityTest {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static KubeSandbox sandbox;
  private static Kubectl kubectl;

  @TempDir
  static Path dir;

  private String ns;

  @BeforeAll
  static void start() {
    Optional<Path> binary = Kubectl.onPath();
    if (binary.isEmpty()) {
      System.out.println("KubectlCompatibilityTest skipped: no kubectl on PATH (.ci/run installs Debian's"
          + " kubernetes-client)");
    }
    assumeTrue(binary.isPresent(), "no kubectl on PATH");
    sandbox = KubeSandbox.seeded(KubeSeed.defaultSeed());
    kubectl = Kubectl.of(binary.get(), sandbox.writeKubeconfig(dir.resolve("kubeconfig")));
  }

  @AfterAll
  static void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  /** Each test works in a namespace of its own on {@code partner}, with its default ServiceAccount. */
  @BeforeEach
  void namespace() throws InterruptedException {
    ns = "kubectl-" + NAMESPACES.incrementAndGet();
    client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (client().serviceAccounts().inNamespace(ns).withName("default").get() == null && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  private static KubernetesClient client() {
    return sandbox.client("partner");
  }

  private Kubectl.Result partner(String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "--context";
    all[1] = "partner";
    all[2] = "-n";
    all[3] = ns;
    System.arraycopy(args, 0, all, 4, args.length);
    return kubectl.run(all);
  }

  @Test
  void versionPrintsTheServerVersion() {
    Kubectl.Result r = kubectl.run("version");

    assertThat(r.exitCode()).as(r.both()).isZero();
    assertThat(r.out()).contains("Server Version: " + Discovery.VERSION);
  }

  @Test
  void getNamespacesListsTheBuiltInAndSeededNamespaces() {
    Kubectl.Result r = kubectl.run("--context", "partner", "get", "ns", "-o", "name");

    assertThat(r.exitCode()).as(r.both()).isZero();
    assertThat(r.out()).contains("namespace/default", "namespace/kube-system", "namespace/kube-public",
        "namespace/kube-node-lease", "namespace/edge", "namespace/robotics");
  }

  @Test
  void getServiceAccountsByShortNameListsTheDefaultAccount() {
    Kubectl.Result r = partner("get", "sa", "-o", "name");

    assertThat(r.exitCode()).as(r.both()).isZero();
    assertThat(r.out().strip()).isEqualTo("serviceaccount/default");
  }

  @Test
  void getSecretsPrintsTheServersTableWithTypeAndDataColumns() {
    partner("create", "secret", "generic", "listed", "--from-literal=a=b", "--from-literal=c=d");

    Kubectl.Result r = partner("get", "secrets");

    assertThat(r.exitCode()).as(r.both()).isZero();
    assertThat(r.out()).containsPattern("NAME\\s+TYPE\\s+DATA\\s+AGE\\n")
        .containsPattern("listed\\s+Opaque\\s+2\\s+\\d+s\\n");
  }

  @Test
  void describeServiceAccountShowsItsPullSecretsAndNoEvents() {
    Kubectl.Result r = kubectl.run("--context", "partner", "-n", "edge", "describe", "sa", "default");

    assertThat(r.exitCode()).as(r.both()).isZero();
    assertThat(r.out()).containsPattern("Image pull secrets:\\s+legacy-pull\\n").doesNotContain("(not found)");
  }

  @Test
  void createSecretDockerRegistryStoresAParseableDockerConfigJson() {
    Kubectl.Result r = partner("create", "secret", "docker-registry", "regcred", "--docker-server=registry.example",
        "--docker-username=robot", "--docker-password=not-a-real-password");

    assertThat(r.exitCode()).as(r.both()).isZero();
    Secret s = client().secrets().inNamespace(ns).withName("regcred").get();
    assertThat(s.getType()).isEqualTo("kubernetes.io/dockerconfigjson");
    String config = new String(Base64.getDecoder().decode(s.getData().get(".dockerconfigjson")), StandardCharsets.UTF_8);
    assertThat(config).contains("\"registry.example\"", "\"username\":\"robot\"");
  }

  @Test
  void typedCreatesOfNamespaceServiceAccountAndConfigMapAreDecodedFromProtobuf() {
    Kubectl.Result ns2 = kubectl.run("--context", "partner", "create", "namespace", ns + "-b");
    Kubectl.Result sa = partner("create", "serviceaccount", "robot");
    Kubectl.Result cm = partner("create", "configmap", "settings", "--from-literal=mode=fast");

    assertThat(ns2.exitCode()).as(ns2.both()).isZero();
    assertThat(sa.exitCode()).as(sa.both()).isZero();
    assertThat(cm.exitCode()).as(cm.both()).isZero();
    assertThat(client().namespaces().withName(ns + "-b").get().getMetadata().getLabels())
        .containsEntry("kubernetes.io/metadata.name", ns + "-b");
    assertThat(client().serviceAccounts().inNamespace(ns).withName("robot").get()).isNotNull();
    assertThat(client().configMaps().inNamespace(ns).withName("settings").get().getData()).containsEntry("mode", "fast");
  }

  @Test
  void patchServiceAccountReplacesItsImagePullSecretsAsARealServerDoes() {
    partner("patch", "serviceaccount", "default", "-p", "{\"imagePullSecrets\":[{\"name\":\"first\"}]}");

    Kubectl.Result r = partner("patch", "serviceaccount", "default", "-p", "{\"imagePullSecrets\":[{\"name\":\"second\"}]}");

    assertThat(r.exitCode()).as(r.both()).isZero();
    ServiceAccount sa = client().serviceAccounts().inNamespace(ns).withName("default").get();
    assertThat(sa.getImagePullSecrets()).extracting(LocalObjectReference::getName).containsExactly("second");
  }

  @Test
  void mergePatchReplacesListsInsteadOfConcatenating() {
    partner("patch", "sa", "default", "--type=merge", "-p", "{\"imagePullSecrets\":[{\"name\":\"first\"}]}");

    partner("patch", "sa", "default", "--type=merge", "-p", "{\"imagePullSecrets\":[{\"name\":\"second\"}]}");

    ServiceAccount sa = client().serviceAccounts().inNamespace(ns).withName("default").get();
    assertThat(sa.getImagePullSecrets()).extracting(LocalObjectReference::getName).containsExactly("second");
  }

  @Test
  void applyCreatesASecretAndThenUpdatesIt() {
    String yaml = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: applied\nstringData:\n  key: %s\n";

    Kubectl.Result created = kubectl.withInput(yaml.formatted("one"), "--context", "partner", "-n", ns, "apply", "-f", "-");
    Kubectl.Result updated = kubectl.withInput(yaml.formatted("two"), "--context", "partner", "-n", ns, "apply", "-f", "-");

    assertThat(created.exitCode()).as(created.both()).isZero();
    assertThat(created.out()).contains("secret/applied created");
    assertThat(updated.exitCode()).as(updated.both()).isZero();
    Secret s = client().secrets().inNamespace(ns).withName("applied").get();
    assertThat(s.getType()).isEqualTo("Opaque");
    assertThat(s.getData()).containsEntry("key", Base64.getEncoder().encodeToString("two".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void deleteSecretRemovesIt() {
    partner("create", "secret", "generic", "doomed", "--from-literal=a=b");

    Kubectl.Result r = partner("delete", "secret", "doomed");

    assertThat(r.exitCode()).as(r.both()).isZero();
    assertThat(client().secrets().inNamespace(ns).withName("doomed").get()).isNull();
  }

  @Test
  void apiResourcesListsShortNamesAndGroups() {
    Kubectl.Result r = kubectl.run("api-resources");

    assertThat(r.exitCode()).as(r.both()).isZero();
    assertThat(r.out()).containsPattern("serviceaccounts\\s+sa\\s+v1\\s+true\\s+ServiceAccount")
        .containsPattern("leases\\s+coordination.k8s.io/v1\\s+true\\s+Lease")
        .containsPattern("deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment");
  }

  @Test
  void getOfAResourceTheServerDoesNotHaveFails() {
    Kubectl.Result r = partner("get", "widgets");

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("the server doesn't have a resource type \"widgets\"");
  }

  @Test
  void createInANamespaceThatDoesNotExistIsNotFound() {
    Kubectl.Result r = kubectl.run("--context", "partner", "-n", "no-such-namespace", "create", "secret", "generic", "x",
        "--from-literal=a=b");

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("namespaces \"no-such-namespace\" not found");
  }

  @Test
  void aUserLimitedToSomeNamespacesIsForbiddenToListAcrossThemButWorksInside() {
    sandbox.limitUserToNamespaces("partner", java.util.List.of(ns));
    try {
      Kubectl.Result across = kubectl.run("--context", "partner", "get", "secrets", "-A");
      Kubectl.Result inside = partner("get", "sa", "-o", "name");

      assertThat(across.exitCode()).isNotZero();
      assertThat(across.err()).contains("secrets is forbidden: User \"sandbox-user\" cannot list resource \"secrets\""
          + " in API group \"\" at the cluster scope");
      assertThat(inside.exitCode()).as(inside.both()).isZero();
      assertThat(inside.out().strip()).isEqualTo("serviceaccount/default");
    } finally {
      sandbox.clearNamespaceLimit("partner");
    }
  }

  @Test
  void changingASecretsTypeIsRefusedAsImmutable() {
    partner("create", "secret", "generic", "typed", "--from-literal=a=b");

    Kubectl.Result r = partner("patch", "secret", "typed", "--type=merge", "-p", "{\"type\":\"kubernetes.io/tls\"}");

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("The Secret \"typed\" is invalid")
        .contains("type: Invalid value: \"kubernetes.io/tls\": field is immutable");
  }
}
