package dev.pullplan.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullplan.apply.ApplyResult;
import dev.pullplan.config.ConfigLoader;
import dev.pullplan.config.VariableInputs;
import dev.pullplan.model.Stack;
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
import dev.pullplan.state.State;
import dev.pullplan.state.StateBackend;
import dev.pullplan.state.StateLock;
import dev.pullplan.testing.MemoryStateBackend;
import dev.pullplan.testing.MutableClock;
import dev.pullplan.testing.Schemas;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/quickstart, unchanged, against the sandbox with only the variables of sandbox.env:
 * every access mode and credential type through the real providers, the real Azure SDK and the
 * Kubernetes API servers.
 */
class QuickstartOnSandboxTest {
  private static final String REGISTRY = "pullplandemo";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  Sandbox sandbox;
  Stack stack;
  final Instant start = Instant.now();
  final MutableClock clock = new MutableClock(start);
  final List<String> gaps = new ArrayList<>();
  MemoryStateBackend state;
  Engine engine;

  @BeforeEach
  void start() throws Exception {
    sandbox = Sandbox.start(tmp.resolve("sandbox"), KubeSeed.defaultSeed(), clock);
    Path dir = Files.createDirectories(tmp.resolve("quickstart"));
    Path example = Schemas.repositoryRoot().resolve("examples/quickstart");
    try (Stream<Path> files = Files.list(example)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".pullplan.hcl")).toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    Map<String, String> env = sandbox.environment();
    stack = new ConfigLoader().load(dir, new VariableInputs(List.of(), List.of(), env)).stack();
    state = new MemoryStateBackend();
    engine = new Engine(ProviderRegistry.discover(), new GapCheckingBackend(state), clock, env, line -> {});
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private Plan plan() {
    try (Run run = engine.open(stack)) {
      return engine.plan(run, PlanOptions.normal());
    }
  }

  private ApplyResult apply(Plan plan) {
    try (Run run = engine.open(stack)) {
      return engine.apply(run, plan, 10, Duration.ZERO, Optional.empty());
    }
  }

  @Test
  void quickstartAppliesAndTheSecondPlanIsEmpty() {
    Plan first = plan();
    assertThat(first.problems()).isEmpty();
    assertThat(first.summary().add()).isEqualTo(10);

    ApplyResult result = apply(first);

    assertThat(result.failures()).isEmpty();
    assertThat(plan().hasChanges()).isFalse();
  }

  @Test
  void everyModeAndCredentialTypeExistsInTheWorld() {
    apply(plan());

    assertThat(sandbox.azure().applications()).filteredOn(a -> a.displayName().equals("pullplan-quickstart-team_apps")).hasSize(1);
    assertThat(sandbox.azure().roleAssignments()).extracting(r -> r.principalId())
        .contains("3b1f6c2e-0000-4000-8000-00000000d004");
    assertThat(sandbox.azure().tokens(REGISTRY)).extracting(t -> t.name()).contains("pullplan-quickstart-partner-edge");
    for (Secret s : pullplanSecrets()) {
      assertThat(accepted(s)).as("secret %s/%s logs in", s.getMetadata().getNamespace(), s.getMetadata().getName()).isTrue();
    }
    assertThat(pullplanSecrets()).hasSize(3);
    assertThat(sandbox.kube().client("aks-dev").serviceAccounts().inNamespace("apps").withName("default").get()
        .getImagePullSecrets()).extracting(r -> r.getName()).contains("pullplan-shared");
  }

  @Test
  void rotationRenewsEveryCredentialWithoutAGap() {
    apply(plan());
    List<String> rotated = new ArrayList<>();
    // day 24: the token (30d, renew_before 7d) is due; day 47: its successor; day 61: the service
    // principal (rotate_after 60d). Between runs every secret must keep working.
    for (int day : new int[] {24, 47, 61}) {
      clock.advance(Duration.between(clock.instant(), start.plus(Duration.ofDays(day))));
      List<String> before = pullplanSecrets().stream().map(QuickstartOnSandboxTest::password).toList();
      sandbox.azure().clearRequests();
      Plan rotation = plan();
      List<String> due = rotation.changes().stream().filter(c -> c.action() == Action.ROTATE)
          .map(c -> c.address().toString()).toList();
      assertThat(due).as("day %d", day).isNotEmpty();
      rotated.addAll(due);

      ApplyResult result = apply(rotation);

      assertThat(result.failures()).as("day %d", day).isEmpty();
      assertThat(gaps).as("secrets holding a password the registry no longer accepts").isEmpty();
      assertThat(pullplanSecrets()).allSatisfy(s -> assertThat(accepted(s)).isTrue());
      assertThat(pullplanSecrets().stream().map(QuickstartOnSandboxTest::password).filter(before::contains))
          .as("secrets that kept their old password on day %d", day).hasSize(3 - rotation.changes().stream()
              .filter(c -> c.type().equals("k8s_secret") && c.action() == Action.UPDATE).toList().size());
      List<String> calls = sandbox.azure().requests().stream().map(r -> r.method() + " " + r.path()).toList();
      if (due.contains("access.team_apps.service_principal")) {
        assertThat(indexOf(calls, "addPassword")).isNotNegative().isLessThan(indexOf(calls, "removePassword"));
      }
    }
    assertThat(rotated).containsExactly("access.partner_edge.token", "access.partner_edge.token",
        "access.team_apps.service_principal");
    Plan after = plan();
    assertThat(after.hasChanges()).as(new TextPlanRenderer(Style.PLAIN).render(after)).isFalse();
  }

  private static int indexOf(List<String> calls, String what) {
    for (int i = 0; i < calls.size(); i++) {
      if (calls.get(i).contains(what)) {
        return i;
      }
    }
    return -1;
  }

  private List<Secret> pullplanSecrets() {
    List<Secret> out = new ArrayList<>();
    for (String cluster : List.of("aks-dev", "partner")) {
      out.addAll(sandbox.kube().client(cluster).secrets().inAnyNamespace()
          .withLabel("app.kubernetes.io/managed-by", "pullplan").list().getItems());
    }
    return out;
  }

  private boolean accepted(Secret s) {
    JsonNode auth = login(s);
    return sandbox.azure().acceptsRegistryLogin(REGISTRY, auth.get("username").asText(), auth.get("password").asText());
  }

  private static String password(Secret s) {
    return login(s).get("password").asText();
  }

  private static JsonNode login(Secret s) {
    try {
      byte[] config = Base64.getDecoder().decode(s.getData().get(".dockerconfigjson"));
      return JSON.readTree(new String(config, StandardCharsets.UTF_8)).get("auths").elements().next();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** After every state write (so after every single change), every pullplan secret must still log in. */
  private final class GapCheckingBackend implements StateBackend {
    private final StateBackend inner;

    GapCheckingBackend(StateBackend inner) {
      this.inner = inner;
    }

    @Override
    public String describe() {
      return inner.describe();
    }

    @Override
    public Optional<State> read() {
      return inner.read();
    }

    @Override
    public void write(State s) {
      inner.write(s);
      for (Secret secret : pullplanSecrets()) {
        if (!accepted(secret)) {
          gaps.add(secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName() + " at serial " + s.serial());
        }
      }
    }

    @Override
    public StateLock lock(String operation, Duration timeout) {
      return inner.lock(operation, timeout);
    }

    @Override
    public void forceUnlock(String id) {
      inner.forceUnlock(id);
    }
  }

}
