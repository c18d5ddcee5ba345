package dev.pullplan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullplan.apply.ApplyResult;
import dev.pullplan.config.ConfigLoader;
import dev.pullplan.config.VariableInputs;
import dev.pullplan.model.Stack;
import dev.pullplan.plan.Plan;
import dev.pullplan.plan.PlanOptions;
import dev.pullplan.run.Engine;
import dev.pullplan.context.ProviderRegistry;
import dev.pullplan.context.Run;
import dev.pullplan.sandbox.Sandbox;
import dev.pullplan.sandbox.kube.KubeSeed;
import dev.pullplan.sandbox.registry.LocalRegistry;
import dev.pullplan.testing.MemoryStateBackend;
import dev.pullplan.testing.Schemas;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof that a pod can pull: after {@code apply} of the quickstart (its registry pointed at
 * the sandbox's real docker-registry), skopeo — an independent client, not ours — reads the probe
 * image with the {@code .dockerconfigjson} of the Secrets pullplan wrote, and is refused a
 * repository the partner's ACR token does not cover.
 */
public class PullProofOnSandboxTest {
  private static final Path SKOPEO = Path.of("/usr/bin/skopeo");

  @TempDir Path tmp;
  Sandbox sandbox;
  Stack stack;
  Engine engine;
  String registry;

  @BeforeEach
  void start() throws Exception {
    String missing = !LocalRegistry.available() ? LocalRegistry.BINARY + " is not installed"
        : !Files.isExecutable(SKOPEO) ? SKOPEO + " is not installed" : "";
    if (!missing.isEmpty()) {
      System.out.println("PullProofOnSandboxTest skipped: " + missing + " (apt-get install docker-registry skopeo)");
    }
    assumeTrue(missing.isEmpty(), missing);
    sandbox = Sandbox.start(tmp.resolve("sandbox"), KubeSeed.defaultSeed());
    registry = sandbox.registry().orElseThrow().address();
    Path dir = Files.createDirectories(tmp.resolve("quickstart"));
    copyQuickstart(dir, registry);
    Map<String, String> env = sandbox.environment();
    stack = new ConfigLoader().load(dir, new VariableInputs(List.of(), List.of(), env)).stack();
    engine = new Engine(ProviderRegistry.discover(), new MemoryStateBackend(), Clock.systemUTC(), env, line -> {});
    try (Run run = engine.open(stack)) {
      Plan plan = engine.plan(run, PlanOptions.normal());
      assertThat(plan.problems()).isEmpty();
      ApplyResult result = engine.apply(run, plan, 10, Duration.ZERO, Optional.empty());
      assertThat(result.failures()).isEmpty();
    }
  }

  @AfterEach
  void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  /** examples/quickstart, with the ACR's login server set to where its content really is. */
  public static void copyQuickstart(Path dir, String server) throws IOException {
    Path example = Schemas.repositoryRoot().resolve("examples/quickstart");
    try (Stream<Path> files = Files.list(example)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".pullplan.hcl")).toList()) {
        String text = Files.readString(f).replace("registry \"shared\" {",
            "registry \"shared\" {\n  server = \"" + server + "\"");
        Files.writeString(dir.resolve(f.getFileName()), text);
      }
    }
  }

  @Test
  void skopeoReadsTheProbeImageWithEverySecretPullplanWrote() throws Exception {
    List<Secret> secrets = pullplanSecrets();

    assertThat(secrets).hasSize(3);
    for (Secret secret : secrets) {
      Skopeo result = inspect(secret, "edge/sim:1.0");
      assertThat(result.exitCode()).as("skopeo with %s/%s: %s", secret.getMetadata().getNamespace(),
          secret.getMetadata().getName(), result.stderr()).isZero();
      assertThat(result.stdout()).contains("\"Digest\": \"sha256:");
    }
  }

  @Test
  void skopeoIsRefusedARepositoryThePartnerTokenDoesNotCover() throws Exception {
    Secret partner = partnerSecret();

    Skopeo refused = inspect(partner, "apps/web:1.0");

    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.stderr()).containsIgnoringCase("unauthorized");
  }

  @Test
  void theSecretsNameTheServerSkopeoDials() {
    for (Secret secret : pullplanSecrets()) {
      String config = new String(Base64.getDecoder().decode(secret.getData().get(".dockerconfigjson")),
          StandardCharsets.UTF_8);
      assertThat(config).contains("\"" + registry + "\"");
    }
  }

  @Test
  void anExternalPasswordTheRegistryRejectsFailsApplyAndCreatesNoSecret() throws Exception {
    Login partner = login(partnerSecret());
    Path robots = robotsStack(partner.username());

    ApplyResult result = applyRobots(robots, new MemoryStateBackend(), "not-the-password");

    assertThat(result.failures()).singleElement().satisfies(f -> assertThat(f.message())
        .contains("refused the credential before it was written to any Secret", "rejected the credentials of user "
            + partner.username()).doesNotContain("not-the-password"));
    assertThat(robotsSecret()).isEmpty();
  }

  @Test
  void aRejectedNewExternalPasswordLeavesTheSecretWithTheOneThatWorks() throws Exception {
    Login partner = login(partnerSecret());
    Path robots = robotsStack(partner.username());
    MemoryStateBackend state = new MemoryStateBackend();
    assertThat(applyRobots(robots, state, partner.password()).failures()).isEmpty();
    assertThat(login(robotsSecret().orElseThrow()).password()).isEqualTo(partner.password());

    ApplyResult result = applyRobots(robots, state, partner.password() + "-rotated-wrongly");

    assertThat(result.failures()).isNotEmpty();
    assertThat(login(robotsSecret().orElseThrow()).password()).isEqualTo(partner.password());
  }

  @Test
  void aServicePrincipalSecretTheRegistryDoesNotKnowYetIsWaitedForOnTheProgressLine() throws Exception {
    sandbox.azure().faults().replicationDelay(Duration.ofSeconds(3));
    Path dir = Files.createDirectories(tmp.resolve("late"));
    Files.writeString(dir.resolve("main.pullplan.hcl"), """
        registry "shared" {
          server = "%s"
          acr {
            name           = "pullplandemo"
            resource_group = "rg-registry"
          }
        }
        cluster "partner" {
          context = "partner"
        }
        access "late" {
          registry   = registry.shared
          cluster    = cluster.partner
          mode       = "pull_secret"
          namespaces = ["robotics"]
        }
        """.formatted(registry));
    List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
    Stack late = new ConfigLoader().load(dir, new VariableInputs(List.of(), List.of(), sandbox.environment())).stack();
    Engine e = new Engine(ProviderRegistry.discover(), new MemoryStateBackend(), Clock.systemUTC(),
        sandbox.environment(), progress::add);

    ApplyResult result;
    try (Run run = e.open(late)) {
      result = e.apply(run, e.plan(run, PlanOptions.normal()), 10, Duration.ZERO, Optional.empty());
    }

    assertThat(result.failures()).isEmpty();
    assertThat(progress).anyMatch(line -> line.contains("waiting for Entra/ACR replication"));
    assertThat(robotsSecret()).isPresent();
  }

  @Test
  void aRegistryThatCannotBeAskedIsAWarningAndTheSecretIsWritten() throws Exception {
    int closed;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    Path dir = robotsStack("robot");
    Files.writeString(dir.resolve("main.pullplan.hcl"),
        Files.readString(dir.resolve("main.pullplan.hcl")).replace(registry, "127.0.0.1:" + closed));
    Map<String, String> env = new java.util.HashMap<>(sandbox.environment());
    env.put("ROBOTS_PASSWORD", "anything");
    Stack robots = new ConfigLoader().load(dir, new VariableInputs(List.of(), List.of(), env)).stack();
    Engine e = new Engine(ProviderRegistry.discover(), new MemoryStateBackend(), Clock.systemUTC(), env, line -> {});

    try (Run run = e.open(robots)) {
      ApplyResult result = e.apply(run, e.plan(run, PlanOptions.normal()), 10, Duration.ZERO, Optional.empty());

      assertThat(result.failures()).isEmpty();
      assertThat(run.warnings()).anyMatch(w -> w.contains("written without proof")
          && w.contains("is unreachable (connection refused)"));
    }
    assertThat(robotsSecret()).isPresent();
  }

  /** A second stack: the partner's token password, handed to pullplan as an external credential. */
  private Path robotsStack(String username) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("robots"));
    Files.writeString(dir.resolve("main.pullplan.hcl"), """
        registry "mirror" {
          server = "%s"
        }
        cluster "partner" {
          context = "partner"
        }
        access "robots" {
          registry    = registry.mirror
          cluster     = cluster.partner
          mode        = "pull_secret"
          namespaces  = ["robotics"]
          probe_image = "edge/sim:1.0"
          credential {
            type         = "external"
            username     = "%s"
            password_env = "ROBOTS_PASSWORD"
          }
        }
        """.formatted(registry, username));
    return dir;
  }

  private ApplyResult applyRobots(Path dir, MemoryStateBackend state, String password) {
    Map<String, String> env = new java.util.HashMap<>(sandbox.environment());
    env.put("ROBOTS_PASSWORD", password);
    Stack robots = new ConfigLoader().load(dir, new VariableInputs(List.of(), List.of(), env)).stack();
    Engine e = new Engine(ProviderRegistry.discover(), state, Clock.systemUTC(), env, line -> {});
    try (Run run = e.open(robots)) {
      return e.apply(run, e.plan(run, PlanOptions.normal()), 10, Duration.ZERO, Optional.empty());
    }
  }

  private Optional<Secret> robotsSecret() {
    return sandbox.kube().client("partner").secrets().inNamespace("robotics")
        .withLabel("app.kubernetes.io/managed-by", "pullplan").list().getItems().stream().findFirst();
  }

  private Secret partnerSecret() {
    return pullplanSecrets().stream().filter(s -> s.getMetadata().getNamespace().equals("edge")).findFirst()
        .orElseThrow();
  }

  private record Login(String username, String password) {
  }

  private static Login login(Secret secret) throws IOException {
    JsonNode auth = new ObjectMapper().readTree(Base64.getDecoder().decode(secret.getData().get(".dockerconfigjson")))
        .path("auths").elements().next();
    return new Login(auth.path("username").asText(), auth.path("password").asText());
  }

  private record Skopeo(int exitCode, String stdout, String stderr) {
  }

  private Skopeo inspect(Secret secret, String image) throws Exception {
    Path auth = Files.createTempFile(tmp, "auth", ".json");
    Files.write(auth, Base64.getDecoder().decode(secret.getData().get(".dockerconfigjson")));
    Path out = tmp.resolve("skopeo.out");
    Path err = tmp.resolve("skopeo.err");
    Process p = new ProcessBuilder(SKOPEO.toString(), "inspect", "--tls-verify=false", "--authfile", auth.toString(),
        "docker://" + registry + "/" + image)
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("skopeo finished").isTrue();
    return new Skopeo(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private List<Secret> pullplanSecrets() {
    return Stream.of("aks-dev", "partner").flatMap(cluster -> sandbox.kube().client(cluster).secrets().inAnyNamespace()
        .withLabel("app.kubernetes.io/managed-by", "pullplan").list().getItems().stream()).toList();
  }
}
