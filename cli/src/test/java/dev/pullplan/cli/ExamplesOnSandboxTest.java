package dev.pullplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.sandbox.Sandbox;
import dev.pullplan.sandbox.azure.SandboxOptions;
import dev.pullplan.testing.Schemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example plans against the sandbox as its README says: {@code pullplan sandbox up --seed
 * examples/X} (the example's {@code sandbox.hcl} holds the registries, AKS clusters, contexts and
 * namespaces it names; quickstart's world is the built-in one), the environment of
 * {@code sandbox.env}, then {@code pullplan plan -chdir=examples/X}.
 */
class ExamplesOnSandboxTest {
  @TempDir Path tmp;

  static Stream<String> examples() throws IOException {
    try (Stream<Path> dirs = Files.list(Schemas.repositoryRoot().resolve("examples"))) {
      List<String> names = dirs.filter(d -> Files.exists(d.resolve("main.pullplan.hcl")))
          .map(d -> d.getFileName().toString()).sorted().toList();
      assertThat(names).hasSize(8);
      return names.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void planWorksAgainstTheSandboxSeededByTheExample(String example) throws IOException {
    Path source = Schemas.repositoryRoot().resolve("examples").resolve(example);
    // a copy: plan takes the lock beside the config, and the example directory stays clean
    Path stack = Files.createDirectories(tmp.resolve(example));
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".pullplan.hcl")).toList()) {
        Files.copy(f, stack.resolve(f.getFileName()));
      }
    }
    try (Sandbox sandbox = Sandbox.startSeededFrom(tmp.resolve("sandbox"), source, SandboxOptions.defaults())) {
      Map<String, String> env = new HashMap<>(sandbox.environment());
      env.put("HOME", tmp.toString());
      env.put("GHCR_TOKEN", "not-a-real-token");
      String[] args = example.equals("partner-clusters")
          ? new String[] {"plan", "-detailed-exitcode", "-chdir=" + stack, "-var", "kubeconfig=" + env.get("KUBECONFIG")}
          : new String[] {"plan", "-detailed-exitcode", "-chdir=" + stack};

      CliRun.Result plan = CliRun.withDiscoveredProviders(stack, env).run(args);

      assertThat(plan.exit()).as(example + ":\n" + plan.all()).isEqualTo(ExitCodes.CHANGES);
      assertThat(plan.all()).as(example).containsPattern("Plan: [1-9][0-9]* to add");
    }
  }
}
