package dev.pullplan.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.config.ConfigLoader;
import dev.pullplan.config.VariableInputs;
import dev.pullplan.context.ProviderRegistry;
import dev.pullplan.context.Run;
import dev.pullplan.plan.Action;
import dev.pullplan.plan.Change;
import dev.pullplan.plan.Plan;
import dev.pullplan.plan.PlanOptions;
import dev.pullplan.render.Style;
import dev.pullplan.render.TextPlanRenderer;
import dev.pullplan.run.Engine;
import dev.pullplan.sandbox.Sandbox;
import dev.pullplan.sandbox.kube.KubeSeed;
import dev.pullplan.sandbox.kube.KubeSeed.SeedNamespace;
import dev.pullplan.testing.MemoryStateBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stacks of service principal accesses against the sandbox through the real providers: what a plan
 * costs does not grow with the accesses, and an application deleted outside pullplan is made again.
 */
class ServicePrincipalsOnSandboxTest {
  @TempDir Path tmp;
  Sandbox sandbox;

  /** A stack in its own directory (the stack's name) with its own state. */
  private final class TestedStack {
    final Path dir;
    final Engine engine;

    TestedStack(String name, int accesses) throws IOException {
      dir = Files.createDirectories(tmp.resolve(name));
      Files.writeString(dir.resolve("main.pullplan.hcl"), config(name, accesses));
      engine = new Engine(ProviderRegistry.discover(), new MemoryStateBackend(), Clock.systemUTC(),
          sandbox.environment(), line -> {});
    }

    Plan plan() {
      try (Run run = engine.open(new ConfigLoader().load(dir,
          new VariableInputs(List.of(), List.of(), sandbox.environment())).stack())) {
        return engine.plan(run, PlanOptions.normal());
      }
    }

    void apply() {
      Plan plan = plan();
      try (Run run = engine.open(new ConfigLoader().load(dir,
          new VariableInputs(List.of(), List.of(), sandbox.environment())).stack())) {
        assertThat(engine.apply(run, plan, 4, Duration.ZERO, Optional.empty()).failures()).isEmpty();
      }
    }
  }

  private static String config(String stack, int accesses) {
    String head = SandboxStack.SHARED_ACR + """
        cluster "dev" {
          context = "aks-dev"
        }
        """;
    return head + IntStream.range(0, accesses).mapToObj(i -> """

        access "team%d" {
          registry    = registry.shared
          cluster     = cluster.dev
          mode        = "pull_secret"
          namespaces  = ["apps"]
          secret_name = "%s-team%d-pull"

          credential {
            type = "service_principal"
          }
        }
        """.formatted(i, stack, i)).collect(Collectors.joining());
  }

  @BeforeEach
  void start() {
    sandbox = Sandbox.start(tmp.resolve("sandbox"),
        new KubeSeed(List.of(new SeedNamespace("aks-dev", "apps", Map.of())), List.of(), List.of()));
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void aPlanOfFourServicePrincipalAccessesMakesTheCallsOfAPlanOfOne() throws IOException {
    TestedStack one = new TestedStack("one", 1);
    TestedStack four = new TestedStack("four", 4);
    one.apply();
    four.apply();

    Plan ofOne = one.plan();
    Plan ofFour = four.plan();

    assertThat(ofOne.hasChanges() || ofFour.hasChanges()).isFalse();
    assertThat(ofFour.apiCalls()).isEqualTo(ofOne.apiCalls()).containsEntry("azure: GET applications", 1L);
  }

  @Test
  void anApplicationDeletedOutsidePullplanIsPlannedToBeCreatedAgain() throws IOException {
    TestedStack stack = new TestedStack("deleted", 2);
    stack.apply();
    String gone = sandbox.azure().applications().stream()
        .filter(a -> a.displayName().equals("pullplan-deleted-team0")).findFirst().orElseThrow().id();
    sandbox.azure().deleteApplication(gone);

    Plan plan = stack.plan();

    Map<String, Action> actions = plan.changes().stream()
        .collect(Collectors.toMap(c -> c.address().toString(), Change::action));
    String text = new TextPlanRenderer(Style.PLAIN).render(plan);
    assertThat(actions).as(text).containsEntry("access.team0.service_principal", Action.CREATE)
        .containsEntry("access.team1.service_principal", Action.NOOP);
  }
}
