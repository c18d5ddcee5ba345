package dev.pullplan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullplan.cli.CliRun.Result;
import dev.pullplan.sandbox.Sandbox;
import dev.pullplan.sandbox.azure.IssuedSecrets;
import dev.pullplan.sandbox.kube.KubeSeed;
import dev.pullplan.sandbox.registry.LocalRegistry;
import dev.pullplan.spi.HttpLog;
import dev.pullplan.e2e.PullProofOnSandboxTest;
import dev.pullplan.testing.Schemas;
import dev.pullplan.testing.SecretForms;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code PULLPLAN_LOG=trace} and {@code --debug} against the sandbox: every client (the Azure SDK
 * with its credential, fabric8, the registry client of {@code verify}) logs its requests and
 * responses with status and time, and no form of any secret the sandbox issued during the run
 * (Entra tokens, passwords, ACR refresh and access tokens, the docker configs written to the
 * clusters) is in the log.
 */
class HttpLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private Sandbox sandbox;
  private Path stack;
  private IssuedSecrets.Recording issued;

  @BeforeEach
  void start() throws IOException {
    issued = IssuedSecrets.record();
    sandbox = LocalRegistry.available()
        ? Sandbox.start(tmp.resolve("sandbox"), KubeSeed.defaultSeed())
        : Sandbox.start(tmp.resolve("sandbox"));
    stack = Files.createDirectories(tmp.resolve("quickstart"));
    if (sandbox.registry().isPresent()) {
      PullProofOnSandboxTest.copyQuickstart(stack, sandbox.registry().orElseThrow().address());
    } else {
      try (var files = Files.list(Schemas.repositoryRoot().resolve("examples/quickstart"))) {
        for (Path f : files.filter(f -> f.toString().endsWith(".pullplan.hcl")).toList()) {
          Files.copy(f, stack.resolve(f.getFileName()));
        }
      }
    }
  }

  @AfterEach
  void stop() {
    issued.close();
    if (sandbox != null) {
      sandbox.close();
    }
  }

  /** The sandbox's environment with the HTTP log at {@code level} going to {@code logFile}. */
  private Map<String, String> loggingTo(Path logFile, String level) {
    Map<String, String> env = new HashMap<>(sandbox.environment());
    env.put("PULLPLAN_LOG", level);
    env.put("PULLPLAN_LOG_PATH", logFile.toString());
    return env;
  }

  @Test
  void traceLogsEveryClientsExchangesWithStatusAndTimeAndNoSecret() throws IOException {
    Path logFile = tmp.resolve("http.log");
    Map<String, String> env = loggingTo(logFile, "trace");

    assertThat(run(env, "apply", "--auto-approve").exit()).isZero();
    if (LocalRegistry.available()) {
      Result verify = run(env, "verify");
      assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
    }
    assertThat(run(env, "plan", "--replace", "access.team_apps.service_principal", "--out", stack.resolve("r.plan").toString()).exit())
        .isZero();
    assertThat(run(env, "apply", stack.resolve("r.plan").toString()).exit()).isZero();
    Set<String> secrets = secretsNowInClusters();
    assertThat(run(env, "destroy", "--auto-approve").exit()).isZero();

    String log = Files.readString(logFile);
    assertThat(log).containsPattern("http --> azure: POST https://[^ ]+/oauth2/v2.0/token")
        .containsPattern("http <-- 20[01] azure: PUT https://[^ ]+roleAssignments/[^ ]+ \\(\\d+ ms\\)")
        .containsPattern("http <-- 201 kubernetes \"dev\": POST https?://[^ ]+/secrets \\(\\d+ ms\\)")
        .contains("> Authorization: REDACTED")
        .contains("< body: ");
    if (LocalRegistry.available()) {
      assertThat(log).containsPattern("http <-- 200 registry: (GET|HEAD) [^ ]+ \\(\\d+ ms\\)");
    }
    secrets.addAll(issued.values());
    secrets.add(sandbox.azure().clientSecret());
    SecretForms forms = SecretForms.of(secrets);
    List<String> found = forms.foundIn(log);
    System.out.printf("http log: %d lines, %d secrets issued in %d forms searched: %d found%n",
        log.lines().count(), secrets.size(), forms.size(), found.size());
    assertThat(secrets).as("the sandbox issued tokens and passwords").hasSizeGreaterThan(5);
    assertThat(found).isEmpty();
  }

  @Test
  void debugFlagLogsRequestLinesToStandardErrorWithoutHeaders() {
    Result plan = run(new HashMap<>(sandbox.environment()), "plan", "--debug");

    assertThat(plan.exit()).as(plan.err()).isZero();
    assertThat(plan.err()).containsPattern("\\[DEBUG\\] http --> azure: GET https://")
        .containsPattern("\\[DEBUG\\] http <-- 200 azure: GET https://[^ ]+ \\(\\d+ ms\\)")
        .doesNotContain("> Authorization").doesNotContain("< body");
    assertThat(plan.out()).doesNotContain("http -->");
    // the run ends with its slowest calls, slowest first
    List<String> lines = plan.err().lines().toList();
    int header = lines.indexOf(lines.stream().filter(l -> l.endsWith("http slowest 5 calls of the run:")).findFirst()
        .orElseThrow(() -> new AssertionError("no slowest-calls summary in " + plan.err())));
    List<Long> millis = new ArrayList<>();
    for (String line : lines.subList(header + 1, header + 6)) {
      java.util.regex.Matcher m = java.util.regex.Pattern
          .compile("\\[DEBUG\\] http   (\\d+) ms (\\d{3}|failed) (azure|kubernetes|registry)[^:]*: [A-Z]+ https?://\\S+$")
          .matcher(line);
      assertThat(m.find()).as(line).isTrue();
      millis.add(Long.parseLong(m.group(1)));
    }
    assertThat(millis).isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }

  @Test
  void aLogFileHoldsTheRunThroughItsSlowestCallsAndIsClosedWhenTheCommandEnds() throws IOException {
    Path logFile = tmp.resolve("http.log");
    Map<String, String> env = loggingTo(logFile, "debug");

    Result plan = run(env, "plan");

    assertThat(plan.exit()).as(plan.err()).isZero();
    List<String> lines = Files.readAllLines(logFile);
    assertThat(lines.get(lines.size() - 1 - HttpLog.SLOWEST_SHOWN)).endsWith("http slowest 5 calls of the run:");
    assertThat(descriptorsOn(logFile)).as("descriptors of this process open on the log").isEmpty();
  }

  /** This process's open file descriptors on {@code file}, as Linux lists them. */
  private static List<Path> descriptorsOn(Path file) throws IOException {
    Path fds = Path.of("/proc/self/fd");
    assumeTrue(Files.isDirectory(fds), "needs /proc/self/fd (Linux)");
    Path real = file.toRealPath();
    try (var open = Files.list(fds)) {
      return open.filter(fd -> {
        try {
          return Files.readSymbolicLink(fd).equals(real);
        } catch (IOException closedMeanwhile) {
          return false;
        }
      }).toList();
    }
  }

  @Test
  void withoutDebugNothingIsLogged() {
    Result plan = run(new HashMap<>(sandbox.environment()), "plan");

    assertThat(plan.exit()).as(plan.err()).isZero();
    assertThat(plan.out() + plan.err()).doesNotContain("http -->");
  }

  /** The passwords in the Secrets pullplan wrote, each docker config whole, and each docker auth. */
  private Set<String> secretsNowInClusters() throws IOException {
    Set<String> found = new LinkedHashSet<>();
    for (String cluster : List.of("aks-dev", "partner")) {
      for (Secret s : sandbox.kube().client(cluster).secrets().inAnyNamespace()
          .withLabel("app.kubernetes.io/managed-by", "pullplan").list().getItems()) {
        String config = new String(Base64.getDecoder().decode(s.getData().get(".dockerconfigjson")), StandardCharsets.UTF_8);
        found.add(config);
        JsonNode auth = JSON.readTree(config).get("auths").elements().next();
        found.add(auth.get("password").asText());
        found.add(auth.get("username").asText() + ":" + auth.get("password").asText());
      }
    }
    return found;
  }

  private Result run(Map<String, String> env, String... args) {
    return CliRun.withDiscoveredProviders(stack, env).inStack(args);
  }

}
