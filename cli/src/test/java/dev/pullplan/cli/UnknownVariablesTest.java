package dev.pullplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.testing.Schemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** As Terraform: validate and graph check a configuration whatever its variables' values; plan needs them. */
class UnknownVariablesTest {
  static final String WITH_REQUIRED = CommandLineTest.STACK.replace("\"pullplandemo\"", "var.registry_name")
      + "variable \"registry_name\" {\n  type = string\n}\n";

  @TempDir Path dir;
  CliRun cli;

  @BeforeEach
  void stack() throws Exception {
    Files.writeString(dir.resolve("main.pullplan.hcl"), WITH_REQUIRED);
    cli = new CliRun(dir);
  }

  @Test
  void validateAcceptsARequiredVariableWithoutAValue() {
    CliRun.Result r = cli.inStack("validate");

    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out()).contains("Success!");
  }

  @Test
  void planStillRequiresTheValue() {
    CliRun.Result r = cli.inStack("plan");

    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("variable `registry_name` is required but has no value");
  }

  @Test
  void validateStillChecksAValueThatIsGiven() {
    CliRun.Result r = cli.inStack("validate", "--var", "registry_name=x!");

    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
  }

  @Test
  void validateStillReportsAnUndeclaredVariable() throws Exception {
    Files.writeString(dir.resolve("main.pullplan.hcl"), WITH_REQUIRED.replace("var.registry_name", "var.registry_nme"));

    CliRun.Result r = cli.inStack("validate");

    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("unknown variable `var.registry_nme`");
  }

  @Test
  void graphDrawsAStackWithARequiredVariableWithoutAValue() throws Exception {
    Files.writeString(dir.resolve("main.pullplan.hcl"), CommandLineTest.STACK.replace("\"90d\"", "var.lifetime")
        + "variable \"lifetime\" {\n  type = string\n}\n");

    CliRun.Result r = cli.inStack("graph");

    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out()).contains("\"access.team_apps.role_assignment\" -> \"access.team_apps.service_principal\"");
  }

  @Test
  void graphLeavesOutAnAccessWhoseRegistryReadsAVariableWithoutAValue() {
    CliRun.Result r = cli.inStack("graph");

    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out()).contains("digraph pullplan").doesNotContain("access.team_apps");
  }

  @Test
  void graphDoesNotOpenTheStateBackend() throws Exception {
    Files.writeString(dir.resolve("backend.pullplan.hcl"), "backend \"kubernetes\" {\n  namespace = \"pullplan\"\n}\n");
    cli.env.put("KUBECONFIG", dir.resolve("no-such-kubeconfig").toString());

    CliRun.Result r = cli.inStack("graph");

    assertThat(r.exit()).as(r.all()).isZero();
  }

  static List<Path> examples() throws IOException {
    try (Stream<Path> dirs = Files.list(Schemas.repositoryRoot().resolve("examples"))) {
      return dirs.filter(Files::isDirectory).sorted().toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyExampleValidatesWithoutVariableValues(Path example) {
    CliRun.Result r = new CliRun(example).inStack("validate");

    assertThat(r.exit()).as(r.all()).isZero();
  }
}
