package dev.pullplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.context.ProviderRegistry;
import dev.pullplan.testing.Schemas;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spellings a Terraform user types without reading the help. */
class TerraformFlagsTest {
  @TempDir Path dir;
  CliRun cli;

  @BeforeEach
  void stack() throws Exception {
    Files.writeString(dir.resolve("main.pullplan.hcl"), CommandLineTest.STACK);
    cli = new CliRun(dir);
  }

  @Test
  void chdirBeforeTheVerbPlansThatDirectory() {
    CliRun.Result r = cli.run("-chdir=" + dir, "plan");

    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out()).contains("Plan: 6 to add");
  }

  @Test
  void chdirAfterTheVerbPlansThatDirectory() {
    CliRun.Result r = cli.run("plan", "-chdir=" + dir);

    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out()).contains("Plan: 6 to add");
  }

  @Test
  void dashCIsChdirBeforeAndAfterTheVerb() {
    for (String[] args : List.of(new String[] {"-C", dir.toString(), "plan"}, new String[] {"plan", "-C", dir.toString()})) {
      CliRun.Result r = cli.run(args);

      assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.all()).isZero();
      assertThat(r.out()).contains("Plan: 6 to add");
    }
  }

  @Test
  void chdirBeforeAndAfterTheVerbNamingOneDirectoryPlansIt() {
    CliRun.Result r = cli.run("-chdir=" + dir, "plan", "-chdir=" + dir.resolve("."));

    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out()).contains("Plan: 6 to add");
  }

  @Test
  void chdirBeforeAndAfterTheVerbNamingTwoDirectoriesIsAnError() throws Exception {
    Path other = Files.createDirectories(dir.resolve("other"));

    CliRun.Result r = cli.run("-chdir=" + dir, "plan", "-chdir=" + other);

    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("Error: -chdir is given before the verb (" + dir + ") and after it (" + other
        + "): give it once");
    assertThat(r.out()).doesNotContain("Plan:");
  }

  @Test
  void afterChdirTheSavedPlanIsWrittenAndReadInTheNewDirectory() {
    CliRun.Result plan = cli.run("-chdir=" + dir, "plan", "-out=tonight.plan");
    CliRun.Result apply = cli.run("-chdir=" + dir, "apply", "tonight.plan");

    assertThat(plan.exit()).as(plan.all()).isZero();
    assertThat(dir.resolve("tonight.plan")).exists();
    assertThat(apply.exit()).as(apply.all()).isZero();
    assertThat(cli.world.objects()).hasSize(6);
  }

  @Test
  void afterChdirAVarFileIsReadFromTheNewDirectory() throws Exception {
    Files.writeString(dir.resolve("main.pullplan.hcl"), CommandLineTest.STACK.replace("\"jobs\"]", "var.extra]")
        + "variable \"extra\" {\n  type = string\n}\n");
    Files.writeString(dir.resolve("ci.vars"), "extra = \"batch\"\n");

    CliRun.Result r = cli.run("plan", "-chdir=" + dir, "-var-file=ci.vars");

    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out()).contains("k8s_secret[\"batch\"]");
  }

  @Test
  void afterChdirTheStateFileIsInTheNewDirectory() {
    CliRun.Result r = cli.run("-chdir=" + dir, "apply", "-auto-approve", "-state=team.state.json");

    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(dir.resolve("team.state.json")).exists();
    assertThat(dir.resolve(Workspace.STATE_FILE)).doesNotExist();
  }

  @Test
  void theFlagsOfTerraformsCiTemplatesAreAcceptedByPlan() {
    CliRun.Result r = cli.inStack("plan", "-input=false", "-lock-timeout=5s", "-compact-warnings");

    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out()).contains("Plan: 6 to add");
  }

  @Test
  void compactWarningsDropTheHintUnderAWarning() throws Exception {
    Files.writeString(dir.resolve("ci.vars"), "nope = 1\n");

    CliRun.Result full = cli.inStack("plan", "-var-file=ci.vars");
    CliRun.Result compact = cli.inStack("plan", "-var-file=ci.vars", "-compact-warnings");

    assertThat(full.err()).contains("value for undeclared variable `nope` is ignored").contains("declare it:");
    assertThat(compact.err()).contains("value for undeclared variable `nope` is ignored").doesNotContain("declare it:");
  }

  @Test
  void driftJsonIsTheJsonReport() {
    cli.inStack("apply", "-auto-approve");

    CliRun.Result r = cli.inStack("drift", "-json");

    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(Schemas.validate("drift.schema.json", r.out())).isEmpty();
  }

  @Test
  void everyCommandTakesNoColorAndHelp() {
    for (String command : new String[] {"init", "validate", "plan", "apply", "destroy", "show", "state", "import",
        "force-unlock", "graph", "output", "fmt", "version", "sandbox", "demo", "drift", "bench"}) {
      for (String noColor : new String[] {"--no-color", "-no-color"}) {
        CliRun.Result r = cli.run(command, noColor, "--help");

        assertThat(r.exit()).as(command + " " + noColor).isZero();
        assertThat(r.out()).as(command).contains("Usage: pullplan " + command);
      }
    }
  }

  @Test
  void demoBenchAndVersionParseNoColor() {
    Console console = new Console(InputStream.nullInputStream(), System.out, System.err, Map.of(), false,
        () -> new ProviderRegistry(List.of()));
    for (String command : new String[] {"demo", "bench", "version", "sandbox"}) {
      assertThat(Pullplan.commandLine(console).parseArgs(command, "--no-color").subcommand().unmatched()).as(command).isEmpty();
    }
  }

  @Test
  void versionRunsWithNoColor() {
    CliRun.Result r = cli.run("version", "--no-color");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("pullplan ");
  }
}
