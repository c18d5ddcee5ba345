package dev.pullplan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullplan.cli.CliRun.Result;
import dev.pullplan.e2e.PullProofOnSandboxTest;
import dev.pullplan.sandbox.Sandbox;
import dev.pullplan.sandbox.kube.KubeSeed;
import dev.pullplan.sandbox.kube.KubeSeed.PodState;
import dev.pullplan.sandbox.kube.KubeSeed.PullError;
import dev.pullplan.sandbox.registry.LocalRegistry;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pullplan doctor} after {@code apply} of the quickstart, one test per cause: pods seeded
 * with the status and events kubelet writes, and every cause that needs the registry's answer
 * asked of the sandbox's real registry.
 */
class DoctorCommandTest {
  @TempDir Path tmp;
  Sandbox sandbox;
  Path stack;
  String registry;


  @BeforeEach
  void applyQuickstart() throws Exception {
    if (!LocalRegistry.available()) {
      System.out.println("DoctorCommandTest skipped: " + LocalRegistry.BINARY + " is not installed");
    }
    assumeTrue(LocalRegistry.available(), LocalRegistry.BINARY + " is not installed");
    sandbox = Sandbox.start(tmp.resolve("sandbox"), KubeSeed.defaultSeed());
    registry = sandbox.registry().orElseThrow().address();
    stack = Files.createDirectories(tmp.resolve("quickstart"));
    PullProofOnSandboxTest.copyQuickstart(stack, registry);
    Result applied = run("apply", "--auto-approve");
    assertThat(applied.exit()).as(applied.out() + applied.err()).isZero();
  }

  @AfterEach
  void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  /** In the current stack, with the current sandbox: a test may start another. */
  private Result run(String... args) {
    return CliRun.withDiscoveredProviders(stack, sandbox.environment()).inStack(args);
  }

  private static JsonNode podReport(Result result, String name) throws Exception {
    for (JsonNode p : new ObjectMapper().readTree(result.out()).path("pods")) {
      if (p.path("pod").asText().equals(name)) {
        return p;
      }
    }
    throw new AssertionError("no pod " + name + " in " + result.all());
  }

  private void pod(String kubeCluster, String namespace, String name, String image, PullError error) {
    sandbox.kube().seed(new KubeSeed(List.of(), List.of(), List.of(), List.of(new KubeSeed.SeedPod(kubeCluster,
        namespace, name, image, "default", PodState.IMAGE_PULL_BACK_OFF, error))));
  }

  /** What a team's own manifest does: the namespace's default ServiceAccount lists the Secret. */
  private void listOnDefaultAccount(String kubeCluster, String namespace, String secret) {
    var accounts = sandbox.kube().client(kubeCluster).serviceAccounts().inNamespace(namespace);
    ServiceAccount sa = accounts.withName("default").get();
    List<LocalObjectReference> refs = new ArrayList<>(sa.getImagePullSecrets());
    refs.add(new LocalObjectReference(secret));
    sa.setImagePullSecrets(refs);
    accounts.resource(sa).update();
  }

  @Test
  void noFailingPodIsExitZero() {
    Result result = run("doctor");

    assertThat(result.exit()).as(result.out() + result.err()).isZero();
    assertThat(result.out()).contains("No pod fails to pull its image.");
  }

  @Test
  void aNamespaceWithoutTheSecretIsSecretMissingAndSaysWhereItExists() throws Exception {
    pod("partner", "robotics", "sim", registry + "/edge/sim:1.0", PullError.UNAUTHORIZED);

    Result result = run("doctor", "--format", "json");

    assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(2);
    JsonNode sim = podReport(result, "sim");
    assertThat(sim.path("cause").asText()).isEqualTo("secret_missing");
    assertThat(sim.path("evidence").toString()).contains("it exists in edge/pullplan-shared")
        .contains("insufficient_scope");
    assertThat(sim.path("fix").asText()).contains("add \\\"robotics\\\" to the namespaces of access.partner_edge".replace("\\\"", "\""));
  }

  @Test
  void aSecretNeitherThePodNorItsServiceAccountListsIsNotReferenced() throws Exception {
    pod("partner", "edge", "sim", registry + "/edge/sim:1.0", PullError.UNAUTHORIZED);

    JsonNode sim = podReport(run("doctor", "--format", "json", "--namespace", "edge"), "sim");

    assertThat(sim.path("cause").asText()).isEqualTo("secret_not_referenced");
    assertThat(sim.path("evidence").toString()).contains("ServiceAccount default lists imagePullSecrets [legacy-pull]");
    assertThat(sim.path("fix").asText()).contains("imagePullSecrets: [{name: pullplan-shared}]");
  }

  @Test
  void aPodAdmittedBeforeItsServiceAccountListedTheSecretIsToBeRestarted() throws Exception {
    // the pod is admitted while the account does not list the secret (someone removed it) ...
    var accounts = sandbox.kube().client("aks-dev").serviceAccounts().inNamespace("apps");
    ServiceAccount sa = accounts.withName("default").get();
    sa.setImagePullSecrets(List.of());
    accounts.resource(sa).update();
    pod("aks-dev", "apps", "web", registry + "/apps/web:1.0", PullError.UNAUTHORIZED);
    // ... and apply puts the entry back: admission does not revisit the pod
    assertThat(run("apply", "--auto-approve").exit()).isZero();

    JsonNode web = podReport(run("doctor", "--format", "json", "--cluster", "dev"), "web");

    assertThat(web.path("cause").asText()).isEqualTo("admitted_before_secret");
    assertThat(web.path("evidence").toString()).contains("ServiceAccount default lists pullplan-shared now");
    assertThat(web.path("fix").asText()).contains("pullplan apply --restart-stale");
  }

  @Test
  void aTokenWhosePasswordsWereRevokedByHandIsCredentialsRejectedWithItsEndFromState() throws Exception {
    listOnDefaultAccount("partner", "edge", "pullplan-shared");
    pod("partner", "edge", "sim", registry + "/edge/sim:1.0", PullError.REJECTED);
    new AzureByHand(sandbox.azure()).revokeTokenPasswords("rg-registry", "pullplandemo", tokenName());

    JsonNode sim = podReport(run("doctor", "--format", "json"), "sim");

    assertThat(sim.path("cause").asText()).isEqualTo("credentials_rejected");
    assertThat(sim.path("evidence").toString()).contains("401 from the token server")
        .contains("state: the password of access.partner_edge.token ends ");
    assertThat(sim.path("fix").asText()).contains("pullplan apply --replace access.partner_edge.token");
  }

  @Test
  void aRepositoryOutsideTheTokensScopeMapIsNotAllowed() throws Exception {
    listOnDefaultAccount("partner", "edge", "pullplan-shared");
    pod("partner", "edge", "web", registry + "/apps/web:1.0", PullError.UNAUTHORIZED);

    JsonNode web = podReport(run("doctor", "--format", "json"), "web");

    assertThat(web.path("cause").asText()).isEqualTo("not_allowed");
    assertThat(web.path("summary").asText()).contains("may not pull apps/web");
    assertThat(web.path("evidence").toString()).contains("allows [edge/sim]");
  }

  @Test
  void aTagThatDoesNotExistIsManifestUnknownWithTheNearestTags() throws Exception {
    sandbox.pushImage("edge/sim", "1.1");
    sandbox.pushImage("edge/sim", "2.0");
    listOnDefaultAccount("partner", "edge", "pullplan-shared");
    pod("partner", "edge", "sim", registry + "/edge/sim:1.2", PullError.NOT_FOUND);

    JsonNode sim = podReport(run("doctor", "--format", "json"), "sim");

    assertThat(sim.path("cause").asText()).isEqualTo("manifest_unknown");
    assertThat(sim.path("evidence").toString()).contains("nearest tags of edge/sim: 1.0, 1.1, 2.0")
        .contains("MANIFEST_UNKNOWN");
  }

  @Test
  void aRegistryNameThatDoesNotResolveIsUnreachableNotAnAuthProblem() throws Exception {
    pod("partner", "robotics", "app", "registry.pullplan.invalid/team/app:1.0", PullError.UNREACHABLE);

    Result result = run("doctor");

    assertThat(result.out()).contains("partner/robotics/app")
        .contains("cause:    registry_unreachable: the registry registry.pullplan.invalid cannot be reached")
        .contains("DNS name not found")
        .contains("evidence: kubelet event Failed: Failed to pull image");
  }

  private String tokenName() throws Exception {
    JsonNode state = new ObjectMapper().readTree(Files.readString(stack.resolve("pullplan.state.json")));
    for (JsonNode r : state.path("resources")) {
      if (r.path("type").asText().equals("acr_token")) {
        return r.path("attributes").path("name").asText();
      }
    }
    throw new AssertionError("no acr_token in state");
  }
}
