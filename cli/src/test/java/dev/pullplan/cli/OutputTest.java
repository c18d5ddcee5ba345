package dev.pullplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output blocks are shown after apply, by show and show -json, and by `pullplan output`. */
class OutputTest {
  static final String OUTPUTS = """
      variable "token" {
        type      = string
        sensitive = true
        default   = "s3cr3t-value"
      }
      output "secret" {
        value = access.team_apps.secret_name
      }
      output "namespaces" {
        value = ["apps", "jobs"]
      }
      output "token" {
        value     = var.token
        sensitive = true
      }
      """;

  @TempDir Path dir;
  CliRun cli;

  @BeforeEach
  void stack() throws Exception {
    Files.writeString(dir.resolve("main.pullplan.hcl"), CommandLineTest.STACK + OUTPUTS);
    cli = new CliRun(dir);
  }

  @Test
  void applyPrintsOutputsWithSensitiveValuesHidden() {
    CliRun.Result r = cli.inStack("apply", "-auto-approve");

    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out()).contains("Outputs:\n\nsecret = \"pullplan-shared\"\nnamespaces = [\"apps\", \"jobs\"]\ntoken = (sensitive)\n");
    assertThat(r.all()).doesNotContain("s3cr3t-value");
  }

  @Test
  void showAndShowJsonIncludeOutputs() {
    cli.inStack("apply", "-auto-approve");

    CliRun.Result text = cli.inStack("show");
    CliRun.Result json = cli.inStack("show", "-json");

    assertThat(text.out()).contains("Outputs:").contains("secret = \"pullplan-shared\"");
    assertThat(json.out()).contains("\"outputs\"").contains("\"secret\" : {").contains("\"value\" : \"pullplan-shared\"");
    assertThat(text.all() + json.all()).doesNotContain("s3cr3t-value");
  }

  @Test
  void outputListsAllAndPrintsOneByName() {
    assertThat(cli.inStack("output").out()).isEqualTo("secret = \"pullplan-shared\"\nnamespaces = [\"apps\", \"jobs\"]\ntoken = (sensitive)\n");
    assertThat(cli.inStack("output", "secret").out()).isEqualTo("\"pullplan-shared\"\n");
    assertThat(cli.inStack("output", "-raw", "secret").out()).isEqualTo("pullplan-shared");
    assertThat(cli.inStack("output", "-json", "namespaces").out()).contains("[ \"apps\", \"jobs\" ]");
  }

  @Test
  void outputByNameOfASensitiveOneIsPrintedAsTerraformDoes() {
    assertThat(cli.inStack("output", "-raw", "token").out()).isEqualTo("s3cr3t-value");
  }

  @Test
  void anUnknownOutputNamesTheOnesThereAre() {
    CliRun.Result r = cli.inStack("output", "secrt");

    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("no output \"secrt\"").contains("secret, namespaces, token");
  }
}
