package dev.pullplan.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.apply.ApplyResult;
import dev.pullplan.config.ConfigLoader;
import dev.pullplan.config.VariableInputs;
import dev.pullplan.plan.Action;
import dev.pullplan.plan.Change;
import dev.pullplan.plan.Plan;
import dev.pullplan.plan.PlanOptions;
import dev.pullplan.render.Style;
import dev.pullplan.render.TextPlanRenderer;
import dev.pullplan.run.Engine;
import dev.pullplan.context.ProviderRegistry;
import dev.pullplan.context.Run;
import dev.pullplan.sandbox.Sandbox;
import dev.pullplan.sandbox.kube.KubeSeed;
import dev.pullplan.testing.MemoryStateBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Objects are found through what state recorded, not through today's config: a removed or renamed
 * block still reaches the objects made for it, through the real providers against the sandbox.
 */
class StateIdentityOnSandboxTest {
  private static final String REGISTRY = "pullplandemo";
  private static final String HEAD = """
      variable "subscription_id" {}

      provider "azure" {
        subscription_id = var.subscription_id
      }

      """;
  private static final String PARTNER = """
      cluster "partner" {
        context = "partner"
      }
      """;
  private static final String AKS_ACCESS = """
      registry "shared" {
        acr {
          name           = "pullplandemo"
          resource_group = "rg-registry"
        }
      }

      cluster "dev" {
        aks {
          name           = "aks-dev"
          resource_group = "rg-dev"
        }
      }

      access "team" {
        registry   = registry.shared
        cluster    = cluster.dev
        mode       = "service_account"
        namespaces = ["apps"]
      }
      """;
  private static final String TOKEN_ACCESS = """
      registry "%s" {
        acr {
          name           = "%s"
          resource_group = "rg-registry"
        }
      }

      access "partner_edge" {
        registry   = registry.%s
        cluster    = cluster.partner
        mode       = "pull_secret"
        namespaces = ["edge"]
        secret_name = "%s"

        credential {
          type         = "token"
          repositories = ["edge/sim"]
        }
      }
      """;

  @TempDir Path tmp;
  Sandbox sandbox;
  Path dir;
  final MemoryStateBackend state = new MemoryStateBackend();
  Engine engine;

  @BeforeEach
  void start() throws IOException {
    sandbox = Sandbox.start(tmp.resolve("sandbox"), KubeSeed.defaultSeed());
    dir = Files.createDirectories(tmp.resolve("stack"));
    engine = new Engine(ProviderRegistry.discover(), state, java.time.Clock.systemUTC(), sandbox.environment(), line -> {});
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private void config(String text) throws IOException {
    Files.writeString(dir.resolve("main.pullplan.hcl"), HEAD + text);
  }

  private static String tokenAccess(String block, String acr) {
    return tokenAccess(block, acr, "partner-pull");
  }

  private static String tokenAccess(String block, String acr, String secretName) {
    return PARTNER + TOKEN_ACCESS.formatted(block, acr, block, secretName);
  }

  private Plan plan() {
    var stack = new ConfigLoader().load(dir, new VariableInputs(List.of(), List.of(), sandbox.environment())).stack();
    try (Run run = engine.open(stack)) {
      return engine.plan(run, PlanOptions.normal());
    }
  }

  private ApplyResult apply(Plan plan) {
    var stack = new ConfigLoader().load(dir, new VariableInputs(List.of(), List.of(), sandbox.environment())).stack();
    try (Run run = engine.open(stack)) {
      return engine.apply(run, plan, 4, Duration.ZERO, Optional.empty());
    }
  }

  private static Map<String, Action> actions(Plan plan) {
    return plan.changes().stream().filter(c -> c.action().isChange())
        .collect(Collectors.toMap(c -> c.address().toString(), Change::action));
  }

  @Test
  void removingAnAccessTogetherWithItsRegistryBlockPlansAndAppliesTheirDeletion() throws IOException {
    config(tokenAccess("shared", REGISTRY));
    assertThat(apply(plan()).failures()).isEmpty();
    assertThat(sandbox.azure().tokens(REGISTRY)).isNotEmpty();

    config(PARTNER);
    Plan removal = plan();

    assertThat(removal.problems()).isEmpty();
    assertThat(actions(removal)).containsOnly(
        Map.entry("access.partner_edge.scope_map", Action.DELETE),
        Map.entry("access.partner_edge.token", Action.DELETE),
        Map.entry("access.partner_edge.k8s_secret[\"edge\"]", Action.DELETE));
    assertThat(apply(removal).failures()).isEmpty();
    assertThat(sandbox.azure().tokens(REGISTRY)).extracting(t -> t.name()).noneMatch(n -> n.startsWith("pullplan-"));
    assertThat(sandbox.azure().scopeMaps(REGISTRY)).extracting(m -> m.name()).noneMatch(n -> n.startsWith("pullplan-"));
    assertThat(plan().hasChanges()).isFalse();
  }

  @Test
  void renamingTheRegistryBlockReplacesNoCredential() throws IOException {
    config(tokenAccess("shared", REGISTRY));
    apply(plan());

    config(tokenAccess("main", REGISTRY));
    Plan renamed = plan();

    assertThat(renamed.problems()).isEmpty();
    assertThat(renamed.changes()).as(new TextPlanRenderer(Style.PLAIN).render(renamed))
        .noneMatch(c -> c.action() == Action.REPLACE || c.action() == Action.CREATE || c.action() == Action.DELETE);
  }

  @Test
  void pointingTheBlockAtAnotherRegistryReplacesTheTokenInsteadOfReadingTheNewRegistry() throws IOException {
    config(tokenAccess("shared", REGISTRY));
    apply(plan());

    config(tokenAccess("shared", "pullplanother"));
    Plan moved = plan();

    assertThat(moved.problems()).as("the old token is still read in the registry state recorded").isEmpty();
    assertThat(actions(moved)).containsEntry("access.partner_edge.token", Action.REPLACE)
        .containsEntry("access.partner_edge.scope_map", Action.REPLACE);
  }

  @Test
  void aSecretWhoseNameChangedIsReplacedNotReportedAsDeleted() throws IOException {
    config(tokenAccess("shared", REGISTRY, "partner-pull"));
    apply(plan());

    config(tokenAccess("shared", REGISTRY, "edge-pull"));
    Plan renamed = plan();

    Change secret = renamed.changes().stream()
        .filter(c -> c.address().toString().equals("access.partner_edge.k8s_secret[\"edge\"]")).findFirst().orElseThrow();
    assertThat(secret.action()).isEqualTo(Action.REPLACE);
    assertThat(secret.drift().isNone()).isTrue();
    assertThat(apply(renamed).failures()).isEmpty();
    assertThat(sandbox.kube().client("partner").secrets().inNamespace("edge").withName("partner-pull").get()).isNull();
    assertThat(sandbox.kube().client("partner").secrets().inNamespace("edge").withName("edge-pull").get()).isNotNull();
  }

  @Test
  void removingAnAccessTogetherWithItsClusterBlockDeletesItsSecretsInThatCluster() throws IOException {
    config(tokenAccess("shared", REGISTRY));
    apply(plan());

    config("");
    Plan removal = plan();

    assertThat(removal.problems()).isEmpty();
    assertThat(actions(removal)).containsEntry("access.partner_edge.k8s_secret[\"edge\"]", Action.DELETE);
    assertThat(apply(removal).failures()).isEmpty();
    assertThat(sandbox.kube().client("partner").secrets().inNamespace("edge").withName("partner-pull").get()).isNull();
  }

  @Test
  void removingAnAksClusterBlockStillReachesTheClusterThroughAzure() throws IOException {
    config(AKS_ACCESS);
    assertThat(apply(plan()).failures()).isEmpty();

    config("");
    Plan removal = plan();

    assertThat(removal.problems()).isEmpty();
    assertThat(actions(removal)).containsOnly(
        Map.entry("access.team.service_principal", Action.DELETE),
        Map.entry("access.team.role_assignment", Action.DELETE),
        Map.entry("access.team.k8s_secret[\"apps\"]", Action.DELETE),
        Map.entry("access.team.sa_pull_secret[\"apps/default\"]", Action.DELETE));
    assertThat(apply(removal).failures()).isEmpty();
    assertThat(sandbox.kube().client("aks-dev").secrets().inNamespace("apps").withName("pullplan-shared").get()).isNull();
    assertThat(plan().hasChanges()).isFalse();
  }
}
