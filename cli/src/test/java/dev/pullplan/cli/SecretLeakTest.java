package dev.pullplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullplan.sandbox.Sandbox;
import dev.pullplan.state.crypto.Keyring;
import dev.pullplan.testing.Schemas;
import dev.pullplan.testing.SecretForms;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secret-leak suite: examples/quickstart through validate, plan --out, show (every format),
 * apply of the saved plan, plan and drift in every format, show and state commands, a forced
 * new password (plan --replace, apply) and destroy, all with {@code --debug}, against the
 * sandbox. Every byte written is collected: each command's stdout and stderr, anything written
 * to the process's own System.out/err meanwhile (SDK logging), and every file left in the stack
 * directory and the home directory. Each is searched for every password the sandbox issued and
 * for the sandbox's own client secret, plain, base64, URL-safe base64, URL-encoded, as a
 * docker {@code auth} ({@code user:password} in base64) and as the whole docker config.
 */
class SecretLeakTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SP = "access.team_apps.service_principal";

  @TempDir Path tmp;
  private Sandbox sandbox;
  private Path stack;
  private Path home;
  /** Where each collected piece of output came from, and what it holds. */
  private final Map<String, String> written = new LinkedHashMap<>();
  private final Set<String> secrets = new LinkedHashSet<>();
  private final Map<String, String> logins = new LinkedHashMap<>();
  private final List<String> stderr = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    sandbox = Sandbox.start(tmp.resolve("sandbox"));
    stack = Files.createDirectories(tmp.resolve("quickstart"));
    home = Files.createDirectories(tmp.resolve("home"));
    try (Stream<Path> files = Files.list(Schemas.repositoryRoot().resolve("examples/quickstart"))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".pullplan.hcl")).toList()) {
        Files.copy(f, stack.resolve(f.getFileName()));
      }
    }
    secrets.add(sandbox.azure().clientSecret());
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void withAStateKeyNoByteWrittenHoldsASecret() throws IOException {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Path keyFile = Files.writeString(tmp.resolve("state.key"), Base64.getEncoder().encodeToString(key));

    wholeFlow(Map.of(Keyring.KEY_FILE, keyFile.toString()));

    Map<String, Set<String>> hits = hits();
    System.out.printf("secret leak, with a key: %d secrets in %d forms searched in %d outputs (%d bytes): %d hits%n",
        secrets.size() + logins.size(), forms().size(), written.size(), bytes(), hits.size());
    assertThat(hits).isEmpty();
  }

  @Test
  void withoutAKeyOnlyStateBackupAndSavedPlansHoldSecretsEachOwnerOnlyAfterAWarning() throws IOException {
    wholeFlow(Map.of());

    Map<String, Set<String>> hits = hits();
    System.out.printf("secret leak, without a key: %d secrets in %d forms searched in %d outputs (%d bytes): hits in %s;"
        + " files written: %s%n", secrets.size() + logins.size(), forms().size(), written.size(), bytes(),
        new TreeSet<>(hits.keySet()), written.keySet().stream().filter(w -> w.startsWith("file ")).toList());
    assertThat(hits.keySet()).isNotEmpty().allSatisfy(where -> assertThat(where)
        .matches("file (pullplan\\.state\\.json|pullplan\\.state\\.json\\.backup|[a-z]+\\.plan)"));
    for (String where : hits.keySet()) {
      Path file = stack.resolve(where.substring("file ".length()));
      assertThat(Files.getPosixFilePermissions(file)).as(where)
          .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
      String named = where.endsWith(".plan") ? "the plan file " + file : "state file " + stack.resolve("pullplan.state.json");
      assertThat(stderr).as("a warning names " + where).anyMatch(e -> e.contains("Warning: " + named + " holds"));
    }
  }

  private void wholeFlow(Map<String, String> keyEnv) throws IOException {
    Map<String, String> env = new HashMap<>(sandbox.environment());
    env.put("HOME", home.toString());
    env.putAll(keyEnv);
    PrintStream systemOut = System.out;
    PrintStream systemErr = System.err;
    ByteArrayOutputStream processOutput = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(processOutput, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    try {
      run(env, 0, "validate", "--json");
      run(env, 0, "plan", "--out", inStack("tonight.plan"), "--debug");
      for (String format : List.of("text", "json", "markdown")) {
        run(env, 0, "show", inStack("tonight.plan"), "--format", format, "--debug");
      }
      run(env, 0, "apply", inStack("tonight.plan"), "--debug");
      collectIssuedSecrets();
      for (String format : List.of("text", "json", "markdown")) {
        run(env, 0, "plan", "--format", format, "--debug");
      }
      run(env, 0, "drift", "--format", "text", "--format", "json", "--output", inStack("drift.json"), "--format", "markdown",
          "--output", inStack("drift.md"), "--format", "junit", "--output", inStack("drift.xml"), "--debug");
      for (String format : List.of("text", "json")) {
        run(env, 0, "show", "--format", format, "--debug");
      }
      run(env, 0, "state", "list", "--debug");
      run(env, 0, "state", "show", SP, "--debug");
      run(env, 0, "plan", "--replace", SP, "--out", inStack("replace.plan"), "--debug");
      run(env, 0, "apply", inStack("replace.plan"), "--debug");
      collectIssuedSecrets();
      run(env, 0, "destroy", "--auto-approve", "--debug");
    } finally {
      System.setOut(systemOut);
      System.setErr(systemErr);
    }
    written.put("the process's System.out and System.err", processOutput.toString(StandardCharsets.UTF_8));
    for (Path root : List.of(stack, home)) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          written.put("file " + (root == stack ? "" : "~/") + root.relativize(f), Files.readString(f, StandardCharsets.ISO_8859_1));
        }
      }
    }
  }

  /** A path in the stack, whole: the command lines here mix files inside and outside it. */
  private String inStack(String name) {
    return stack.resolve(name).toString();
  }

  private void run(Map<String, String> env, int expectedExit, String... args) {
    CliRun.Result result = CliRun.withDiscoveredProviders(stack, env).inStack(args);
    String command = "pullplan " + String.join(" ", args).replace(stack + "/", "");
    assertThat(result.exit()).as(command + "\n" + result.all()).isEqualTo(expectedExit);
    written.put("stdout of " + command, result.out());
    written.put("stderr of " + command, result.err());
    stderr.add(result.err());
  }

  /** Every registry password now in a Secret pullplan made, with its user name. */
  private void collectIssuedSecrets() {
    for (String cluster : List.of("aks-dev", "partner")) {
      for (Secret s : sandbox.kube().client(cluster).secrets().inAnyNamespace()
          .withLabel("app.kubernetes.io/managed-by", "pullplan").list().getItems()) {
        String config = new String(Base64.getDecoder().decode(s.getData().get(".dockerconfigjson")), StandardCharsets.UTF_8);
        secrets.add(config);
        try {
          JsonNode auth = JSON.readTree(config).get("auths").elements().next();
          secrets.add(auth.get("password").asText());
          logins.put(auth.get("username").asText(), auth.get("password").asText());
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      }
    }
    assertThat(logins).as("passwords the sandbox issued").isNotEmpty();
  }

  private SecretForms forms() {
    return SecretForms.of(secrets).withDockerAuths(logins);
  }

  /** Where any form of a secret was found: output, the forms found in it. */
  private Map<String, Set<String>> hits() {
    SecretForms forms = forms();
    Map<String, Set<String>> hits = new LinkedHashMap<>();
    written.forEach((where, text) -> {
      List<String> found = forms.foundIn(text);
      if (!found.isEmpty()) {
        hits.put(where, new TreeSet<>(found));
      }
    });
    return hits;
  }

  private long bytes() {
    return written.values().stream().mapToLong(String::length).sum();
  }
}
