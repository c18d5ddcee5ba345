package dev.pullplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.testing.Schemas;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
  static final String STACK = """
      registry "shared" {
        acr {
          name           = "pullplandemo"
          resource_group = "rg-registry"
        }
      }
      cluster "dev" {
        aks {
          name           = "aks-dev"
          resource_group = "rg-dev"
        }
      }
      access "team_apps" {
        registry   = registry.shared
        cluster    = cluster.dev
        mode       = "service_account"
        namespaces = ["apps", "jobs"]
        credential {
          type          = "service_principal"
          expires_after = "90d"
          rotate_after  = "60d"
        }
      }
      """;

  @TempDir Path dir;
  CliRun cli;

  @BeforeEach
  void stack() throws Exception {
    Files.writeString(dir.resolve("main.pullplan.hcl"), STACK);
    cli = new CliRun(dir);
  }

  @Test
  void helpListsTheCommandsAndExitsZero() {
    CliRun.Result r = cli.run("--help");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("validate", "plan", "apply", "destroy", "show", "state", "import", "force-unlock", "graph", "demo");
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : new String[] {"init", "validate", "plan", "apply", "destroy", "show", "state", "import",
        "force-unlock", "graph", "version", "sandbox", "demo", "drift", "bench"}) {
      CliRun.Result r = cli.run(command, "--help");
      assertThat(r.exit()).as(command).isZero();
      assertThat(r.out()).as(command).contains("Usage: pullplan " + command);
    }
  }

  @Test
  void everyStackCommandLoadsTheConfigTheSameWay() {
    String[][] commands = {{"plan"}, {"apply"}, {"destroy"}, {"graph"}, {"show"}, {"drift"}, {"import", "a.b.c", "x"},
        {"force-unlock", "x"}, {"state", "list"}, {"state", "show", "a.b.c"}, {"state", "rm", "a.b.c"},
        {"state", "mv", "a.b.c", "a.b.d"}};
    for (String[] command : commands) {
      java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command));
      args.addAll(java.util.List.of("--chdir", dir.resolve("missing").toString()));

      CliRun.Result r = cli.run(args.toArray(String[]::new));

      assertThat(r.exit()).as(String.join(" ", command)).isEqualTo(ExitCodes.ERROR);
      assertThat(r.err()).as(String.join(" ", command)).contains("missing: error: no such directory")
          .contains("1 error in the configuration.");
    }
  }

  @Test
  void usageErrorsExitOneNotTwo() {
    CliRun.Result r = cli.run("plan", "--no-such-flag");

    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("Unknown option: '--no-such-flag'").contains("pullplan plan --help");
  }

  @Test
  void validateAcceptsAValidStack() {
    CliRun.Result r = cli.inStack("validate");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Success! The configuration is valid.");
  }

  @Test
  void validateReportsPositionsAndExitsOne() throws Exception {
    Files.writeString(dir.resolve("main.pullplan.hcl"), STACK.replace("mode       = \"service_account\"", "mode = \"servce_account\""));

    CliRun.Result r = cli.inStack("validate");

    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).containsPattern("main\\.pullplan\\.hcl:\\d+:\\d+: error: ");
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void terraformSingleDashSpellingsWork() {
    CliRun.Result r = cli.run("validate", "-chdir=" + dir, "-json", "-no-color");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("\"valid\" : true");
  }

  @Test
  void detailedExitcodeIsTwoWithChangesAndZeroWithout() {
    assertThat(cli.inStack("plan", "-detailed-exitcode").exit()).isEqualTo(ExitCodes.CHANGES);
    assertThat(cli.inStack("apply", "-auto-approve").exit()).isZero();
    assertThat(cli.inStack("plan", "-detailed-exitcode").exit()).isZero();
  }

  @Test
  void planWithoutDetailedExitcodeExitsZeroEvenWithChanges() {
    CliRun.Result r = cli.inStack("plan");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Plan: 6 to add, 0 to change, 0 to destroy, 0 to rotate.");
  }

  @Test
  void applyRefusesToAskWithoutATerminal() {
    CliRun.Result r = cli.inStack("apply");

    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("apply needs approval and there is no terminal to ask at");
    assertThat(cli.world.objects()).isEmpty();
  }

  @Test
  void applyAsksAndAppliesOnYes() {
    cli.terminal = true;
    cli.input = "yes\n";

    CliRun.Result r = cli.inStack("apply");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Only 'yes' will be accepted").contains("Apply complete!").contains("Resources: 6 added");
    assertThat(cli.world.objects()).hasSize(6);
  }

  @Test
  void applyAnswerOtherThanYesChangesNothing() {
    cli.terminal = true;
    cli.input = "y\n";

    CliRun.Result r = cli.inStack("apply");

    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.out()).contains("Apply cancelled");
    assertThat(cli.world.objects()).isEmpty();
  }

  @Test
  void destroyWithoutInputNamesDestroy() {
    CliRun.Result r = cli.inStack("destroy", "-input=false");

    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("run `pullplan destroy --auto-approve`").contains("pullplan plan --destroy --out FILE")
        .doesNotContain("pullplan apply --auto-approve");
  }

  @Test
  void aMissingFileIsSaidInWordsNotAJavaClassName() {
    CliRun.Result r = cli.inStack("plan", "-var-file=nowhere.vars");

    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("nowhere.vars").contains("no such file or directory").doesNotContain("Exception");
  }

  @Test
  void inputFalseNeverPrompts() {
    cli.terminal = true;
    cli.input = "yes\n";

    CliRun.Result r = cli.inStack("apply", "--input=false");

    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(cli.world.objects()).isEmpty();
  }

  @Test
  void savedPlanAppliesOnceAndIsThenRefused() {
    Path plan = dir.resolve("tonight.plan");
    assertThat(cli.inStack("plan", "-out", plan.toString()).exit()).isZero();

    CliRun.Result first = cli.inStack("apply", plan.toString());
    CliRun.Result second = cli.inStack("apply", plan.toString());

    assertThat(first.exit()).isZero();
    assertThat(second.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(second.err()).contains("the plan was made when there was no state");
  }

  @Test
  void savedPlanIsAppliedAsMadeSoPlanShapingFlagsAreRefused() {
    Path plan = dir.resolve("p.plan");
    cli.inStack("plan", "--out", plan.toString());

    CliRun.Result r = cli.inStack("apply", "--target", "access.team_apps", plan.toString());

    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("a saved plan is applied exactly as it was made");
    assertThat(cli.world.objects()).isEmpty();
  }

  @Test
  void savedPlanIsRefusedAfterTheConfigChanged() throws Exception {
    Path plan = dir.resolve("p.plan");
    cli.inStack("plan", "--out", plan.toString());
    Files.writeString(dir.resolve("main.pullplan.hcl"), STACK.replace("\"jobs\"", "\"jobs\", \"web\""));

    CliRun.Result r = cli.inStack("apply", plan.toString());

    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("the configuration changed since the plan was made");
  }

  @Test
  void jsonPlanFromTheCommandLineValidatesAgainstItsSchema() {
    CliRun.Result r = cli.inStack("plan", "--json");

    assertThat(r.exit()).isZero();
    assertThat(Schemas.validate("plan.schema.json", r.out())).isEmpty();
  }

  @Test
  void secretsNeverAppearInAnyOutput() {
    cli.inStack("apply", "--auto-approve");
    String password = cli.world.objects().get("access.team_apps.k8s_secret[\"apps\"]").sensitive().get("password");

    String everything = cli.inStack("plan").all() + cli.inStack("show").all() + cli.inStack("show", "--json").all()
        + cli.inStack("state", "show", "access.team_apps.service_principal").all()
        + cli.inStack("plan", "--json", "--destroy").all();

    assertThat(password).isNotBlank();
    assertThat(everything).doesNotContain(password).contains("(sensitive)");
  }

  @Test
  void unencryptedStateWarnsOncePerRun() {
    CliRun.Result r = cli.inStack("apply", "--auto-approve");

    assertThat(r.err()).containsOnlyOnce("unencrypted");
  }

  @Test
  void applyShowsEachWarningOfThePlanOnce() {
    cli.world.warnOnRead("the registry has its admin account enabled");

    CliRun.Result r = cli.inStack("apply", "--auto-approve");

    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.all()).containsOnlyOnce("the registry has its admin account enabled");
  }

  @Test
  void encryptedStateHasNoSecretBytesAndNoWarning() throws Exception {
    cli.env.put("PULLPLAN_STATE_PASSPHRASE", "a long passphrase for the test");

    CliRun.Result r = cli.inStack("apply", "--auto-approve");

    String password = cli.world.objects().get("access.team_apps.k8s_secret[\"apps\"]").sensitive().get("password");
    assertThat(r.err()).doesNotContain("unencrypted");
    assertThat(Files.readString(dir.resolve("pullplan.state.json"))).doesNotContain(password);
  }

  @Test
  void stateListShowRmAndMv() {
    cli.inStack("apply", "--auto-approve");

    assertThat(cli.inStack("state", "list").out()).contains("access.team_apps.k8s_secret[\"apps\"]\n");
    assertThat(cli.inStack("state", "show", "access.team_apps.k8s_secret[\"apps\"]").out())
        .contains("namespace").contains("\"apps\"");
    assertThat(cli.inStack("state", "rm", "access.team_apps.sa_pull_secret[\"jobs/default\"]").exit()).isZero();
    assertThat(cli.inStack("state", "list").out()).doesNotContain("jobs/default");
    assertThat(cli.world.objects()).containsKey("access.team_apps.sa_pull_secret[\"jobs/default\"]");
    assertThat(cli.inStack("state", "mv", "access.team_apps.k8s_secret[\"jobs\"]", "access.team_apps.k8s_secret[\"old\"]").exit()).isZero();
    assertThat(cli.inStack("state", "list").out()).contains("access.team_apps.k8s_secret[\"old\"]");
  }

  @Test
  void destroyRemovesEverything() {
    cli.inStack("apply", "--auto-approve");

    CliRun.Result r = cli.inStack("destroy", "--auto-approve");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Destroy complete!");
    assertThat(cli.world.objects()).isEmpty();
  }

  @Test
  void onATerminalApplyShowsWhatIsInFlight() {
    cli.terminal = true;

    CliRun.Result r = cli.inStack("apply", "--auto-approve", "--no-color");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("in progress: access.team_apps.service_principal").contains("\r\u001b[K");
  }

  @Test
  void withoutATerminalProgressLinesCarryTheElapsedTime() {
    CliRun.Result r = cli.inStack("apply", "--auto-approve");

    assertThat(r.out()).containsPattern("\\[ +\\d+\\.\\ds] access\\.team_apps\\.service_principal: Creating\\.\\.\\.")
        .doesNotContain("in progress:");
  }

  @Test
  void progressGoesToStandardOutputAndErrorsToStandardError() {
    cli.world.failOn("access.team_apps.role_assignment");

    CliRun.Result r = cli.inStack("apply", "--auto-approve");

    assertThat(r.out()).contains("access.team_apps.service_principal: Creating...");
    assertThat(r.err()).contains("apply failed").doesNotContain("Creating...");
  }

  @Test
  void graphPrintsDot() {
    CliRun.Result r = cli.inStack("graph");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("digraph pullplan").contains("\"access.team_apps.role_assignment\" -> \"access.team_apps.service_principal\"");
  }

  @Test
  void errorsHaveNoStackTraceUnlessDebug() {
    CliRun.Result plain = cli.inStack("state", "show", "access.nope.k8s_secret");
    CliRun.Result debug = cli.inStack("state", "show", "access.nope.k8s_secret", "--debug");

    assertThat(plain.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(plain.err()).startsWith("Error: ").doesNotContain("\tat ");
    assertThat(debug.err()).contains("\tat ");
  }
}
