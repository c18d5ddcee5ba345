package dev.pullplan.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.apply.ApplyResult;
import dev.pullplan.config.ConfigLoader;
import dev.pullplan.config.VariableInputs;
import dev.pullplan.context.ProviderRegistry;
import dev.pullplan.context.Run;
import dev.pullplan.model.Stack;
import dev.pullplan.plan.Plan;
import dev.pullplan.plan.PlanOptions;
import dev.pullplan.run.Engine;
import dev.pullplan.sandbox.Sandbox;
import dev.pullplan.testing.MemoryStateBackend;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An AKS cluster with Entra ID and local accounts disabled, modelled for real: its API server
 * accepts only Entra tokens for the AKS server application and answers 401 to anything else.
 * pullplan plans and applies there with a token it gets itself (no kubelogin on the machine),
 * fetches it again as it expires during a run, and names the kubeconfig user a 401 was for.
 */
class EntraOnlyClusterOnSandboxTest {
  private static final String WORLD = """
      cluster "entra" {
        aks "aks-entra" {
          resource_group          = "rg-entra"
          local_accounts_disabled = true
        }
        namespace "apps" {}
      }
      """;
  private static final String AKS = """
      cluster "entra" {
        aks {
          name           = "aks-entra"
          resource_group = "rg-entra"
        }
      }
      """;
  private static final String ACCESS = """
      access "team" {
        registry    = registry.shared
        cluster     = cluster.entra
        mode        = "pull_secret"
        namespaces  = ["apps"]
        secret_name = "team-pull"

        credential {
          type         = "token"
          repositories = ["apps/web"]
        }
      }
      """;

  @TempDir Path tmp;
  Sandbox sandbox;
  Path dir;
  Engine engine;

  @BeforeEach
  void start() throws IOException {
    Path world = Files.createDirectories(tmp.resolve("sandbox"));
    Files.writeString(world.resolve("sandbox.hcl"), WORLD);
    sandbox = Sandbox.start(world);
    dir = Files.createDirectories(tmp.resolve("stack"));
    engine = new Engine(ProviderRegistry.discover(), new MemoryStateBackend(), java.time.Clock.systemUTC(),
        sandbox.environment(), line -> {});
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private Stack stack(String clusterBlock) throws IOException {
    Files.writeString(dir.resolve("main.pullplan.hcl"), SandboxStack.SHARED_ACR + clusterBlock + ACCESS);
    return new ConfigLoader().load(dir, new VariableInputs(List.of(), List.of(), sandbox.environment())).stack();
  }

  private Optional<String> secret() {
    return Optional.ofNullable(sandbox.kube().client("entra").secrets().inNamespace("apps").withName("team-pull").get())
        .map(s -> s.getType());
  }

  @Test
  void theClusterAnswersAnythingButAnEntraTokenWith401AsAnApiServerDoes() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String url = sandbox.kube().serverUrl("entra") + "/api/v1/namespaces/apps/secrets";

    HttpResponse<String> staticToken = http.send(HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer sandbox").build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(staticToken.statusCode()).isEqualTo(401);
    assertThat(staticToken.body()).contains("\"kind\":\"Status\"").contains("\"reason\":\"Unauthorized\"");
    assertThat(none.statusCode()).isEqualTo(401);
  }

  @Test
  void pullplanPlansAndAppliesWithItsOwnTokenForTheAksServerApplication() throws IOException {
    Stack stack = stack(AKS);
    try (Run run = engine.open(stack)) {
      Plan plan = engine.plan(run, PlanOptions.normal());
      assertThat(plan.problems()).isEmpty();
      ApplyResult applied = engine.apply(run, plan, 4, Duration.ZERO, Optional.empty());
      assertThat(applied.failures()).isEmpty();
    }

    assertThat(secret()).contains("kubernetes.io/dockerconfigjson");
    try (Run run = engine.open(stack(AKS))) {
      assertThat(engine.plan(run, PlanOptions.normal()).hasChanges()).isFalse();
    }
  }

  @Test
  void theTokenIsFetchedAgainAsItExpiresDuringOneRun() throws Exception {
    sandbox.azure().tokenLifetime(Duration.ofSeconds(5));
    Stack stack = stack(AKS);
    try (Run run = engine.open(stack)) {
      Plan plan = engine.plan(run, PlanOptions.normal());
      assertThat(plan.problems()).isEmpty();
      Thread.sleep(6_000); // the token the kubeconfig came with has expired by now

      ApplyResult applied = engine.apply(run, plan, 4, Duration.ZERO, Optional.empty());

      assertThat(applied.failures()).isEmpty();
    }
    assertThat(secret()).isPresent();
  }

  @Test
  void aKubeconfigWithAStaticTokenIsRefusedWithTheUserAndTheWayOut() throws IOException {
    String kubeconfig = sandbox.environment().get("KUBECONFIG");
    Stack stack = stack("""
        cluster "entra" {
          kubeconfig = "%s"
          context    = "entra"
        }
        """.formatted(kubeconfig));

    String message;
    try (Run run = engine.open(stack)) {
      Plan plan = engine.plan(run, PlanOptions.normal());
      message = String.join("\n", plan.problems().stream().map(Object::toString).toList());
    } catch (RuntimeException e) {
      message = e.getMessage();
    }

    assertThat(message).contains("cluster \"entra\"").contains("401 Unauthorized")
        .contains("kubeconfig user \"entra\"").contains("AKS server application");
    assertThat(secret()).isEmpty();
  }
}
