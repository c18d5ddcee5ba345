package dev.pullplan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullplan.cli.CliRun.Result;
import dev.pullplan.e2e.PullProofOnSandboxTest;
import dev.pullplan.sandbox.Sandbox;
import dev.pullplan.sandbox.kube.KubeSeed;
import dev.pullplan.sandbox.registry.LocalRegistry;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pullplan verify} after {@code pullplan apply} of the quickstart against the sandbox's real registry. */
class VerifyCommandTest {
  @TempDir Path tmp;
  Sandbox sandbox;
  Path stack;

  @BeforeEach
  void applyQuickstart() throws Exception {
    if (!LocalRegistry.available()) {
      System.out.println("VerifyCommandTest skipped: " + LocalRegistry.BINARY + " is not installed");
    }
    assumeTrue(LocalRegistry.available(), LocalRegistry.BINARY + " is not installed");
    sandbox = Sandbox.start(tmp.resolve("sandbox"), KubeSeed.defaultSeed());
    stack = Files.createDirectories(tmp.resolve("quickstart"));
    PullProofOnSandboxTest.copyQuickstart(stack, sandbox.registry().orElseThrow().address());
    assertThat(run("apply", "--auto-approve").exit()).isZero();
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

  @Test
  void verifyPassesAfterApplyForEveryNamespaceAndServiceAccount() throws Exception {
    Result result = run("verify", "--format", "json");

    assertThat(result.exit()).as(result.out() + result.err()).isZero();
    JsonNode checks = new ObjectMapper().readTree(result.out()).path("checks");
    assertThat(checks).filteredOn(c -> c.path("result").asText().equals("ok")).extracting(c ->
        c.path("namespace").asText() + "/" + c.path("service_account").asText())
        .contains("edge/(pods listing pullplan-shared)", "apps/default", "jobs/default");
    assertThat(checks).filteredOn(c -> c.path("namespace").asText().equals("edge")).singleElement()
        .satisfies(c -> assertThat(c.path("repository").asText()).isEqualTo("edge/sim:1.0"));
  }

  @Test
  void theAttachRowIsARoleCheckOfTheKubeletIdentity() throws Exception {
    Result result = run("verify", "--format", "json");

    JsonNode checks = new ObjectMapper().readTree(result.out()).path("checks");
    assertThat(checks).filteredOn(c -> c.path("credential").asText().equals("node identity")).singleElement()
        .satisfies(c -> {
          assertThat(c.path("result").asText()).isEqualTo("ok");
          assertThat(c.path("repository").asText()).isEqualTo("(role check)");
          assertThat(c.path("reason").asText()).startsWith("role check, not a pull: kubelet identity ")
              .endsWith("holds AcrPull on registry pullplandemo (legacy mode honours it)");
        });
  }

  @Test
  void anAttachWhoseRolesCannotBeReadFailsItsRowNamingTheRegistryAndTheKubeletIdentityAndTheOtherRowsStillRun()
      throws Exception {
    sandbox.azure().faults().failNext("GET", "/providers/Microsoft.Authorization/roleAssignments", 403,
        "AuthorizationFailed", 20);

    Result result = run("verify", "--format", "json");

    assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(1);
    JsonNode checks = new ObjectMapper().readTree(result.out()).path("checks");
    assertThat(checks).filteredOn(c -> c.path("credential").asText().equals("node identity")).singleElement()
        .satisfies(c -> {
          assertThat(c.path("result").asText()).isEqualTo("fail");
          assertThat(c.path("reason").asText()).startsWith("role check, not a pull: kubelet identity aks-dev-agentpool"
              + " (objectId ").contains(") on registry pullplandemo: the role check could not be made: ");
        });
    assertThat(checks).filteredOn(c -> c.path("result").asText().equals("ok")).isNotEmpty();
  }

  @Test
  void aSecretWhosePasswordTheRegistryRejectsFailsVerifyWithCredentialsRejected() {
    Secret edge = sandbox.kube().client("partner").secrets().inNamespace("edge").withName("pullplan-shared").get();
    String config = new String(Base64.getDecoder().decode(edge.getData().get(".dockerconfigjson")), StandardCharsets.UTF_8);
    String tampered = config.replaceAll("\"password\":\"[^\"]+\"", "\"password\":\"revoked\"")
        .replaceAll("\"auth\":\"[^\"]+\"", "\"auth\":\"" + Base64.getEncoder().encodeToString(
            (edge.getMetadata().getName() + ":revoked").getBytes(StandardCharsets.UTF_8)) + "\"");
    edge.getData().put(".dockerconfigjson", Base64.getEncoder().encodeToString(tampered.getBytes(StandardCharsets.UTF_8)));
    sandbox.kube().client("partner").secrets().inNamespace("edge").resource(edge).update();

    Result result = run("verify");

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.out()).contains("rejected: registry").contains("Verify failed: 1 of").doesNotContain("revoked\"");
  }

  @Test
  void aTokenWithinRenewBeforeOfItsEndIsAWarningRowNotAFailure() throws Exception {
    Result result = run("verify", "--format", "json");
    // the quickstart's token lives 30d with renew_before 7d: not due today
    assertThat(result.out()).doesNotContain("\"warn\"");

    // as state records it 23 days on: the token's password ends in a week
    Path statePath = stack.resolve("pullplan.state.json");
    String inState = Files.readString(statePath);
    String soon = java.time.Instant.now().plus(java.time.Duration.ofDays(6)).toString();
    Files.writeString(statePath, inState.replaceAll("\"expires_at\"\\s*:\\s*\"[^\"]+\"", "\"expires_at\" : \"" + soon + "\""));

    Result later = run("verify", "--format", "json");

    JsonNode edge = new ObjectMapper().readTree(later.out()).path("checks");
    assertThat(edge).filteredOn(c -> c.path("namespace").asText().equals("edge")).singleElement()
        .satisfies(c -> {
          assertThat(c.path("result").asText()).isEqualTo("warn");
          assertThat(c.path("reason").asText()).contains("within renew_before 7d");
        });
    assertThat(later.exit()).isZero();
  }

  @Test
  void aServiceAccountThatNoLongerListsTheSecretFailsVerify() {
    var accounts = sandbox.kube().client("aks-dev").serviceAccounts().inNamespace("jobs");
    var sa = accounts.withName("default").get();
    sa.setImagePullSecrets(List.of());
    accounts.resource(sa).update();

    Result result = run("verify");

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.out()).contains("ServiceAccount default does not list pullplan-shared in imagePullSecrets");
  }

  @Test
  void applyVerifyRotatesAndVerifyStillPassesWithTheNewPassword() {
    Result rotated = run("apply", "--auto-approve", "--verify", "--replace", "access.partner_edge.token");

    assertThat(rotated.exit()).as(rotated.out() + rotated.err()).isZero();
    assertThat(rotated.out()).contains("Apply complete").contains("Verify passed:");
    assertThat(run("verify").exit()).isZero();
  }

  @Test
  void aTokenPasswordRevokedByHandFailsVerifyAndDriftVerifyWithCredentialsRejected() throws Exception {
    new AzureByHand(sandbox.azure()).revokeTokenPasswords("rg-registry", "pullplandemo", tokenName());

    Result verify = run("verify");
    Result drift = run("drift", "--verify");

    assertThat(verify.exit()).isEqualTo(1);
    assertThat(verify.out()).contains("rejected: registry").contains("Verify failed: 1 of");
    assertThat(drift.exit()).as(drift.out() + drift.err()).isEqualTo(1);
    assertThat(drift.out()).contains("rejected: registry").contains("Verify failed: 1 of");
  }

  @Test
  void anotherSecretTheServiceAccountListsForTheSameRegistryIsCheckedToo() {
    String registry = sandbox.registry().orElseThrow().address();
    String auth = Base64.getEncoder().encodeToString("team-robot:wrong".getBytes(StandardCharsets.UTF_8));
    String config = "{\"auths\":{\"" + registry + "\":{\"auth\":\"" + auth + "\"}}}";
    var client = sandbox.kube().client("aks-dev");
    client.secrets().inNamespace("apps").resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
        .withNewMetadata().withName("team-pull").withNamespace("apps").endMetadata()
        .withType("kubernetes.io/dockerconfigjson")
        .withData(java.util.Map.of(".dockerconfigjson", Base64.getEncoder().encodeToString(config.getBytes(StandardCharsets.UTF_8))))
        .build()).create();
    var sa = client.serviceAccounts().inNamespace("apps").withName("default").get();
    var refs = new java.util.ArrayList<>(sa.getImagePullSecrets());
    refs.add(new io.fabric8.kubernetes.api.model.LocalObjectReference("team-pull"));
    refs.add(new io.fabric8.kubernetes.api.model.LocalObjectReference("gone"));
    sa.setImagePullSecrets(refs);
    client.serviceAccounts().inNamespace("apps").resource(sa).update();

    Result result = run("verify");

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.out()).contains("team-robot@" + registry + " (secret team-pull, not pullplan's)")
        .contains("rejected the credentials of user team-robot")
        .contains("lists secret gone, which is not in namespace apps");
  }

  @Test
  void withoutAProbeImageATokenIsCheckedOnItsScopeMapsFirstRepository() throws Exception {
    Path config = stack.resolve("main.pullplan.hcl");
    Files.writeString(config, Files.readString(config).replace("probe_image = \"edge/sim:1.0\"", ""));

    Result result = run("verify", "--format", "json");

    assertThat(result.exit()).as(result.out() + result.err()).isZero();
    JsonNode edge = new ObjectMapper().readTree(result.out()).path("checks");
    assertThat(edge).filteredOn(c -> c.path("namespace").asText().equals("edge")).singleElement()
        .satisfies(c -> {
          assertThat(c.path("repository").asText()).isEqualTo("edge/sim (tags)");
          assertThat(c.path("reason").asText()).isEqualTo("the registry lists the repository's tags to it");
        });
  }

  @Test
  void withoutDockerRegistryVerifyFallsBackToTheLoginAtTheTokenServer() throws Exception {
    sandbox.close();
    sandbox = Sandbox.startWithoutPullRegistry(tmp.resolve("no-registry"), KubeSeed.defaultSeed());
    String server = sandbox.azure().loginServer("pullplandemo").orElseThrow();
    assertThat(sandbox.registryStatus()).contains("pull verification is unavailable");
    stack = Files.createDirectories(tmp.resolve("quickstart-no-registry"));
    PullProofOnSandboxTest.copyQuickstart(stack, server);
    Result applied = run("apply", "--auto-approve");
    assertThat(applied.exit()).as(applied.out() + applied.err()).isZero();

    Result result = run("verify", "--format", "json");

    assertThat(result.exit()).as(result.out() + result.err()).isZero();
    JsonNode checks = new ObjectMapper().readTree(result.out()).path("checks");
    assertThat(checks).filteredOn(c -> c.path("namespace").asText().equals("edge")).singleElement()
        .satisfies(c -> {
          assertThat(c.path("result").asText()).isEqualTo("warn");
          assertThat(c.path("reason").asText()).contains("only the login is proven (the token server accepts it)")
              .contains("answered 503");
        });
    // a wrong password is still caught: the token server refuses it
    new AzureByHand(sandbox.azure()).revokeTokenPasswords("rg-registry", "pullplandemo", tokenName());
    Result revoked = run("verify");
    assertThat(revoked.exit()).isEqualTo(1);
    assertThat(revoked.out()).contains("rejected: registry " + server);
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
