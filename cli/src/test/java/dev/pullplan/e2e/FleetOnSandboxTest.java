package dev.pullplan.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.address.Address;
import dev.pullplan.apply.ApplyResult;
import dev.pullplan.config.ConfigLoader;
import dev.pullplan.config.VariableInputs;
import dev.pullplan.context.ProviderRegistry;
import dev.pullplan.context.Run;
import dev.pullplan.model.Stack;
import dev.pullplan.plan.Action;
import dev.pullplan.plan.Change;
import dev.pullplan.plan.Plan;
import dev.pullplan.plan.PlanMode;
import dev.pullplan.plan.PlanOptions;
import dev.pullplan.plan.ResourceMove;
import dev.pullplan.render.JsonPlanRenderer;
import dev.pullplan.render.Style;
import dev.pullplan.render.TextPlanRenderer;
import dev.pullplan.run.Engine;
import dev.pullplan.sandbox.Sandbox;
import dev.pullplan.sandbox.azure.ScopeMapView;
import dev.pullplan.sandbox.azure.TokenView;
import dev.pullplan.sandbox.kube.KubeSeed;
import dev.pullplan.sandbox.kube.KubeSeed.SeedNamespace;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.state.State;
import dev.pullplan.testing.MemoryStateBackend;
import dev.pullplan.testing.Schemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/fleet against the sandbox's two clusters, through the real providers: a stack that
 * declared one access block per cluster is rewritten as the fleet example, whose moved blocks
 * hand the old credentials and secrets to the new instances; nothing is recreated.
 */
class FleetOnSandboxTest {
  /** The stack before the fleet: one cluster and one access block per cluster. */
  private static final String PER_CLUSTER = SandboxStack.SHARED_ACR + """
      cluster "dev" {
        context = "aks-dev"
      }

      cluster "partner" {
        context = "partner"
      }

      access "team_dev" {
        registry    = registry.shared
        cluster     = cluster.dev
        mode        = "pull_secret"
        namespaces  = ["apps"]
        secret_name = "team-pull"
      }

      access "team_partner" {
        registry    = registry.shared
        cluster     = cluster.partner
        mode        = "pull_secret"
        namespaces  = ["apps"]
        secret_name = "team-pull"
      }
      """;

  @TempDir Path tmp;
  Sandbox sandbox;
  Path dir;
  final MemoryStateBackend state = new MemoryStateBackend();
  Engine engine;

  @BeforeEach
  void start() throws IOException {
    KubeSeed seed = new KubeSeed(List.of(new SeedNamespace("aks-dev", "apps", Map.of()),
        new SeedNamespace("partner", "apps", Map.of())), List.of(), List.of());
    sandbox = Sandbox.start(tmp.resolve("sandbox"), seed);
    dir = Files.createDirectories(tmp.resolve("fleet"));
    engine = new Engine(ProviderRegistry.discover(), state, java.time.Clock.systemUTC(), sandbox.environment(), line -> {});
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private Stack load() {
    return new ConfigLoader().load(dir, new VariableInputs(List.of(), List.of(), sandbox.environment())).stack();
  }

  private Plan plan() {
    try (Run run = engine.open(load())) {
      return engine.plan(run, PlanOptions.normal());
    }
  }

  private ApplyResult apply(Plan plan) {
    try (Run run = engine.open(load())) {
      return engine.apply(run, plan, 4, Duration.ZERO, Optional.empty());
    }
  }

  private void useExample() throws IOException {
    Files.deleteIfExists(dir.resolve("main.pullplan.hcl"));
    try (Stream<Path> files = Files.list(Schemas.repositoryRoot().resolve("examples/fleet"))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".pullplan.hcl")).toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
  }

  private State current() {
    return state.read().orElseThrow();
  }

  private static Address address(String text) {
    return Address.parse(text).orElseThrow();
  }

  @Test
  void theFleetExampleTakesOverThePerClusterBlocksWithoutRecreatingACredential() throws IOException {
    Files.writeString(dir.resolve("main.pullplan.hcl"), PER_CLUSTER);
    assertThat(apply(plan()).failures()).isEmpty();
    String devPrincipal = current().resource(address("access.team_dev.service_principal")).orElseThrow().id();
    String partnerSecret = current().resource(address("access.team_partner.k8s_secret[\"apps\"]")).orElseThrow().id();
    int applications = sandbox.azure().applications().size();

    useExample();
    Plan moved = plan();

    assertThat(moved.problems()).isEmpty();
    assertThat(moved.moves()).extracting(ResourceMove::to).extracting(Address::toString).contains(
        "access.team[\"dev\"].service_principal", "access.team[\"dev\"].role_assignment",
        "access.team[\"dev\"].k8s_secret[\"apps\"]", "access.team[\"partner\"].k8s_secret[\"apps\"]");
    Map<String, Action> actions = moved.changes().stream()
        .collect(Collectors.toMap(c -> c.address().toString(), Change::action));
    String text = new TextPlanRenderer(Style.PLAIN).render(moved);
    // a move re-addresses state: the credential, its role assignment and the secrets stay as they
    // are (the principal keeps the display name it was made with, so nothing is even updated)
    assertThat(actions.values()).as(text).containsOnly(Action.NOOP);
    assertThat(moved.hasChanges()).isTrue();
    assertThat(text).contains("# access.team_dev.service_principal has moved to access.team[\"dev\"].service_principal");
    assertThat(new JsonPlanRenderer().render(moved)).contains("\"moves\"");

    ApplyResult result = apply(moved);

    assertThat(result.failures()).isEmpty();
    assertThat(current().resource(address("access.team[\"dev\"].service_principal"))).map(ResourceState::id)
        .contains(devPrincipal);
    assertThat(current().resource(address("access.team[\"partner\"].k8s_secret[\"apps\"]"))).map(ResourceState::id)
        .contains(partnerSecret);
    assertThat(current().resources()).noneMatch(r -> r.address().blockName().startsWith("team_"));
    assertThat(sandbox.azure().applications()).hasSize(applications);
    assertThat(sandbox.kube().client("partner").secrets().inNamespace("apps").withName("team-pull").get()).isNotNull();

    Plan after = plan();
    assertThat(after.moves()).isEmpty();
    assertThat(after.hasChanges()).as(new TextPlanRenderer(Style.PLAIN).render(after)).isFalse();
  }

  @Test
  void destroyAfterAMoveDeletesTheSecretsMadeUnderTheOldAddresses() throws IOException {
    Files.writeString(dir.resolve("main.pullplan.hcl"), PER_CLUSTER);
    assertThat(apply(plan()).failures()).isEmpty();
    useExample();
    assertThat(apply(plan()).failures()).isEmpty();

    Plan destroy;
    try (Run run = engine.open(load())) {
      destroy = engine.plan(run, new PlanOptions(PlanMode.DESTROY, List.of(), List.of(), 4));
    }
    ApplyResult result = apply(destroy);

    assertThat(result.failures()).isEmpty();
    for (String context : List.of("aks-dev", "partner")) {
      assertThat(sandbox.kube().client(context).secrets().inNamespace("apps").withName("team-pull").get())
          .as(context).isNull();
    }
  }

  /** One access with an ACR token, under {@code name}; {@code before} adds blocks such as {@code moved}. */
  private static String tokenAccess(String name, String before) {
    return tokenAccess(name, before, "team/app");
  }

  private static String tokenAccess(String name, String before, String repository) {
    return PER_CLUSTER.substring(0, PER_CLUSTER.indexOf("access \"team_dev\"")) + before + """
        access "%s" {
          registry    = registry.shared
          cluster     = cluster.dev
          mode        = "pull_secret"
          namespaces  = ["apps"]
          secret_name = "team-pull"

          credential {
            type         = "token"
            repositories = ["%s"]
          }
        }
        """.formatted(name, repository);
  }

  @Test
  void aRenamedAccessKeepsItsAcrTokenAndThePasswordItsSecretsHold() throws IOException {
    Files.writeString(dir.resolve("main.pullplan.hcl"), tokenAccess("team_dev", ""));
    assertThat(apply(plan()).failures()).isEmpty();
    List<TokenView> tokens = sandbox.azure().tokens("pullplandemo");
    String secret = sandbox.kube().client("aks-dev").secrets().inNamespace("apps").withName("team-pull").get()
        .getData().get(".dockerconfigjson");

    Files.writeString(dir.resolve("main.pullplan.hcl"), tokenAccess("web", """
        moved {
          from = access.team_dev
          to   = access.web
        }

        """));
    Plan moved = plan();

    String text = new TextPlanRenderer(Style.PLAIN).render(moved);
    assertThat(moved.changes()).as(text).extracting(Change::action).containsOnly(Action.NOOP);
    assertThat(text).contains("# access.team_dev.token has moved to access.web.token");
    assertThat(apply(moved).failures()).isEmpty();
    // the registry holds the same token with the same passwords, and the Secret still carries one of them
    assertThat(sandbox.azure().tokens("pullplandemo")).isEqualTo(tokens);
    assertThat(sandbox.kube().client("aks-dev").secrets().inNamespace("apps").withName("team-pull").get()
        .getData().get(".dockerconfigjson")).isEqualTo(secret);
    assertThat(plan().hasChanges()).isFalse();
  }

  @Test
  void aRenamedAccessChangedLaterUpdatesTheScopeMapItWasMadeWith() throws IOException {
    Files.writeString(dir.resolve("main.pullplan.hcl"), tokenAccess("team_dev", ""));
    assertThat(apply(plan()).failures()).isEmpty();
    List<String> scopeMaps = sandbox.azure().scopeMaps("pullplandemo").stream().map(ScopeMapView::name).toList();
    String moved = """
        moved {
          from = access.team_dev
          to   = access.web
        }

        """;
    Files.writeString(dir.resolve("main.pullplan.hcl"), tokenAccess("web", moved));
    assertThat(apply(plan()).failures()).isEmpty();

    Files.writeString(dir.resolve("main.pullplan.hcl"), tokenAccess("web", moved, "team/other"));
    Plan changed = plan();

    assertThat(changed.changes()).extracting(c -> c.address() + " " + c.action())
        .contains("access.web.scope_map UPDATE");
    assertThat(apply(changed).failures()).isEmpty();
    assertThat(sandbox.azure().scopeMaps("pullplandemo")).extracting(ScopeMapView::name)
        .containsExactlyInAnyOrderElementsOf(scopeMaps);
    assertThat(plan().hasChanges()).isFalse();
  }

  @Test
  void aNewFleetIsPlannedAndAppliedWithOneAccessPerCluster() throws IOException {
    useExample();

    Plan first = plan();
    assertThat(first.moves()).isEmpty();
    assertThat(first.problems()).isEmpty();
    assertThat(apply(first).failures()).isEmpty();

    assertThat(current().resources()).extracting(r -> r.address().toString()).contains(
        "access.team[\"dev\"].k8s_secret[\"apps\"]", "access.team[\"partner\"].k8s_secret[\"apps\"]");
    for (String cluster : List.of("aks-dev", "partner")) {
      assertThat(sandbox.kube().client(cluster).secrets().inNamespace("apps").withName("team-pull").get())
          .as(cluster).isNotNull();
    }
    assertThat(plan().hasChanges()).isFalse();
  }

  @Test
  void anAccessPerKeyPicksTheClusterInstanceOfThatKeyAndItsSecretLandsThere() throws IOException {
    Files.writeString(dir.resolve("main.pullplan.hcl"), SandboxStack.SHARED_ACR + """
        locals {
          contexts = { dev = "aks-dev", partner = "partner" }
        }

        cluster "fleet" {
          for_each = local.contexts
          context  = each.value
        }

        access "team" {
          for_each    = local.contexts
          registry    = registry.shared
          cluster     = cluster.fleet[each.key]
          mode        = "pull_secret"
          namespaces  = ["apps"]
          secret_name = "team-${each.key}"
        }
        """);

    assertThat(apply(plan()).failures()).isEmpty();

    var devSecrets = sandbox.kube().client("aks-dev").secrets().inNamespace("apps");
    var partnerSecrets = sandbox.kube().client("partner").secrets().inNamespace("apps");
    assertThat(devSecrets.withName("team-dev").get()).isNotNull();
    assertThat(partnerSecrets.withName("team-partner").get()).isNotNull();
    assertThat(devSecrets.withName("team-partner").get()).isNull();
  }
}
