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
import dev.pullplan.plan.PlanOptions;
import dev.pullplan.render.Style;
import dev.pullplan.render.TextPlanRenderer;
import dev.pullplan.run.Engine;
import dev.pullplan.sandbox.Sandbox;
import dev.pullplan.sandbox.kube.KubeSeed;
import dev.pullplan.testing.MemoryStateBackend;
import io.fabric8.kubernetes.api.model.Namespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A namespace whose block is renamed, or re-keyed in a {@code for_each}, with a {@code moved}
 * block, against the sandbox: the move changes nothing in the cluster, and the namespace keeps
 * whether pullplan created it. One pullplan created is deleted when its block goes, as before the
 * move; one that existed before (imported) is never deleted, moved or not.
 */
class NamespaceMovesOnSandboxTest {
  private static final String CLUSTER = """
      cluster "partner" {
        context = "partner"
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
    engine = new Engine(ProviderRegistry.discover(), state, Clock.systemUTC(), sandbox.environment(), line -> {});
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  /** The partner cluster and {@code blocks}. */
  private void config(String blocks) throws IOException {
    Files.writeString(dir.resolve("main.pullplan.hcl"), CLUSTER + blocks);
  }

  /** A namespace block {@code block} in the partner cluster, named {@code name} there. */
  private static String namespace(String block, String name) {
    return """
        namespace "%s" {
          cluster = cluster.partner
          name    = "%s"
          create  = true
        }

        """.formatted(block, name);
  }

  /** A namespace block {@code team} with one instance, {@code key}, named {@code name} there. */
  private static String keyedNamespace(String key, String name) {
    return """
        namespace "team" {
          for_each = { %s = "%s" }
          cluster  = cluster.partner
          name     = each.value
          create   = true
        }

        """.formatted(key, name);
  }

  private static String moved(String from, String to) {
    return """
        moved {
          from = %s
          to   = %s
        }

        """.formatted(from, to);
  }

  private Stack stack() {
    return new ConfigLoader().load(dir, new VariableInputs(List.of(), List.of(), sandbox.environment())).stack();
  }

  private Plan plan() {
    try (Run run = engine.open(stack())) {
      return engine.plan(run, PlanOptions.normal());
    }
  }

  private ApplyResult apply(Plan plan) {
    assertThat(plan.problems()).isEmpty();
    try (Run run = engine.open(stack())) {
      return engine.apply(run, plan, 4, Duration.ZERO, Optional.empty());
    }
  }

  private void importing(String address, String id) {
    try (Run run = engine.open(stack())) {
      engine.importResource(run, Address.parse(address).orElseThrow(), id, Duration.ZERO);
    }
  }

  private Namespace inCluster(String name) {
    return sandbox.kube().client("partner").namespaces().withName(name).get();
  }

  private boolean inState(String address) {
    return state.read().orElseThrow().resource(Address.parse(address).orElseThrow()).isPresent();
  }

  /** Plans the move, checks it is only a move, and applies it. */
  private void moveAndApply(String from, String to) {
    Plan moving = plan();
    String text = new TextPlanRenderer(Style.PLAIN).render(moving);
    assertThat(moving.moves()).as(text).extracting(m -> m.from() + " -> " + m.to()).containsExactly(from + " -> " + to);
    assertThat(moving.changes()).as(text).extracting(Change::action).containsOnly(Action.NOOP);
    assertThat(text).contains("# " + from + " has moved to " + to);
    assertThat(apply(moving).failures()).isEmpty();
    assertThat(inState(to)).isTrue();
    assertThat(plan().hasChanges()).isFalse();
  }

  private Change changeOf(Plan plan, String address) {
    return plan.changes().stream().filter(c -> c.address().toString().equals(address)).findFirst().orElseThrow();
  }

  @Test
  void aRenamedNamespacePullplanCreatedIsDeletedWhenItsBlockGoesAsBeforeTheMove() throws IOException {
    config(namespace("vision", "vision"));
    assertThat(apply(plan()).failures()).isEmpty();
    String uid = inCluster("vision").getMetadata().getUid();
    config(namespace("robots", "vision") + moved("namespace.vision", "namespace.robots"));
    moveAndApply("namespace.vision.k8s_namespace", "namespace.robots.k8s_namespace");
    assertThat(inCluster("vision").getMetadata().getUid()).isEqualTo(uid);

    config("");
    Plan removal = plan();

    Change delete = changeOf(removal, "namespace.robots.k8s_namespace");
    assertThat(delete.action()).isEqualTo(Action.DELETE);
    assertThat(delete.context()).anyMatch(line -> line.contains("deletes every object in it"));
    assertThat(apply(removal).failures()).isEmpty();
    assertThat(inCluster("vision")).isNull();
    assertThat(inState("namespace.robots.k8s_namespace")).isFalse();
  }

  @Test
  void aReKeyedNamespacePullplanCreatedIsDeletedWhenItsBlockGoesAsBeforeTheMove() throws IOException {
    config(keyedNamespace("eu", "vision"));
    assertThat(apply(plan()).failures()).isEmpty();
    config(keyedNamespace("us", "vision") + moved("namespace.team[\"eu\"]", "namespace.team[\"us\"]"));
    moveAndApply("namespace.team[\"eu\"].k8s_namespace", "namespace.team[\"us\"].k8s_namespace");

    config("");
    Plan removal = plan();

    assertThat(changeOf(removal, "namespace.team[\"us\"].k8s_namespace").action()).isEqualTo(Action.DELETE);
    assertThat(apply(removal).failures()).isEmpty();
    assertThat(inCluster("vision")).isNull();
  }

  /**
   * Removing the block of a namespace pullplan did not create plans its removal from state, says
   * the apply only forgets it, and the apply does: the namespace stays, state no longer has it.
   */
  private void assertRemovalNeverDeletes(String address, String name) throws IOException {
    config("");
    Plan removal = plan();

    assertThat(removal.problems()).isEmpty();
    Change change = changeOf(removal, address);
    assertThat(change.context()).noneMatch(line -> line.contains("deletes every object in it"))
        .anyMatch(line -> line.contains("the apply forgets it and leaves the namespace"));
    assertThat(apply(removal).failures()).isEmpty();
    assertThat(inCluster(name)).isNotNull();
    assertThat(inState(address)).isFalse();
  }

  @Test
  void anImportedNamespaceWhoseBlockGoesIsNeverDeleted() throws IOException {
    config(namespace("robotics", "robotics"));
    importing("namespace.robotics.k8s_namespace", "robotics");

    assertRemovalNeverDeletes("namespace.robotics.k8s_namespace", "robotics");
  }

  @Test
  void aRenamedImportedNamespaceStaysNotPullplansAndIsNeverDeleted() throws IOException {
    config(namespace("robotics", "robotics"));
    importing("namespace.robotics.k8s_namespace", "robotics");
    config(namespace("robots", "robotics") + moved("namespace.robotics", "namespace.robots"));
    moveAndApply("namespace.robotics.k8s_namespace", "namespace.robots.k8s_namespace");

    assertRemovalNeverDeletes("namespace.robots.k8s_namespace", "robotics");
  }

  @Test
  void aReKeyedImportedNamespaceStaysNotPullplansAndIsNeverDeleted() throws IOException {
    config(keyedNamespace("eu", "robotics"));
    importing("namespace.team[\"eu\"].k8s_namespace", "robotics");
    config(keyedNamespace("us", "robotics") + moved("namespace.team[\"eu\"]", "namespace.team[\"us\"]"));
    moveAndApply("namespace.team[\"eu\"].k8s_namespace", "namespace.team[\"us\"].k8s_namespace");

    assertRemovalNeverDeletes("namespace.team[\"us\"].k8s_namespace", "robotics");
  }
}
