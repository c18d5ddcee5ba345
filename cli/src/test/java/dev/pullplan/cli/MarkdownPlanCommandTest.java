package dev.pullplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownPlanCommandTest {
  @TempDir Path dir;
  CliRun cli;

  @BeforeEach
  void stack() throws Exception {
    Files.writeString(dir.resolve("main.pullplan.hcl"), CommandLineTest.STACK);
    cli = new CliRun(dir);
  }

  @Test
  void planPrintsMarkdownForAPullRequest() {
    CliRun.Result r = cli.inStack("plan", "--format", "markdown");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("<!-- pullplan plan -->")
        .contains("**Plan: 6 to add, 0 to change, 0 to destroy, 0 to rotate.**")
        .contains("<details><summary><code>access.team_apps</code>: 6 to add</summary>");
  }

  @Test
  void savingAPlanKeepsTheMarkdownOnStandardOutputClean() {
    Path plan = dir.resolve("pr.plan");

    CliRun.Result r = cli.inStack("plan", "--detailed-exitcode", "--format", "markdown", "--out", plan.toString());

    assertThat(r.exit()).isEqualTo(ExitCodes.CHANGES);
    assertThat(r.out()).doesNotContain("Saved the plan");
    assertThat(r.err()).contains("Saved the plan to " + plan);
  }

  @Test
  void showOfASavedPlanPrintsTheSameMarkdown() {
    Path plan = dir.resolve("pr.plan");
    String planned = cli.inStack("plan", "--format", "markdown", "--out", plan.toString()).out();

    CliRun.Result shown = cli.inStack("show", plan.toString(), "--format", "markdown");

    assertThat(shown.exit()).isZero();
    assertThat(shown.out()).isEqualTo(planned);
  }

  @Test
  void jsonStaysAnAliasOfFormatJson() {
    String alias = withoutRunDetails(cli.inStack("plan", "--json").out());
    String format = withoutRunDetails(cli.inStack("plan", "--format", "json").out());

    assertThat(alias).startsWith("{").isEqualTo(format);
  }

  /** Two runs without state differ only in when they ran, how long each phase took and the lineage they would create. */
  private static String withoutRunDetails(String json) {
    return json.replaceAll("\"(created_at|lineage)\" : \"[^\"]+\"", "\"$1\" : \"X\"")
        .replaceAll("\"(expand|refresh|diff)\" : [0-9]+", "\"$1\" : 0");
  }

  @Test
  void jsonAndAnotherFormatContradictEachOther() {
    CliRun.Result r = cli.inStack("plan", "--json", "--format", "markdown");

    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("--json is --format json");
  }

  @Test
  void markdownOfTheStateIsRefusedWithWhatToRunInstead() {
    CliRun.Result r = cli.inStack("show", "--format", "markdown");

    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("pullplan show PLANFILE --format markdown");
  }

  @Test
  void markdownNeverShowsASecret() {
    cli.inStack("apply", "--auto-approve");
    String password = cli.world.objects().get("access.team_apps.k8s_secret[\"apps\"]").sensitive().get("password");
    cli.world.tamperSensitive("access.team_apps.k8s_secret[\"apps\"]", "password", "tampered-secret");

    CliRun.Result r = cli.inStack("plan", "--format", "markdown");

    assertThat(r.all()).doesNotContain(password).doesNotContain("tampered-secret").contains("(sensitive)");
  }
}
