package dev.pullplan.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A missing password_env is one error naming the variable and the access, not a phantom password change. */
class ExternalPasswordOnSandboxTest {
  private static final String STACK = """
      registry "ghcr" {
        server = "ghcr.io"
      }

      cluster "partner" {
        context = "partner"
      }

      access "ghcr" {
        registry   = registry.ghcr
        cluster    = cluster.partner
        mode       = "pull_secret"
        namespaces = ["edge"]
        credential {
          type         = "external"
          username     = "bot"
          password_env = "GHCR_TOKEN"
        }
      }
      """;

  @TempDir Path tmp;
  SandboxCli cli;
  Path stack;

  @BeforeEach
  void start() throws Exception {
    cli = new SandboxCli(tmp.resolve("sandbox"));
    stack = Files.createDirectories(tmp.resolve("stack"));
    Files.writeString(stack.resolve("main.pullplan.hcl"), STACK);
    cli.env.put("GHCR_TOKEN", "first-token");
    assertThat(cli.run("apply", "-auto-approve", "-chdir=" + stack).exit()).isZero();
    cli.env.remove("GHCR_TOKEN");
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void planNamesTheVariableAndPlansNoPasswordChange() {
    CliRun.Result r = cli.run("plan", "-chdir=" + stack);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.all()).contains("the environment variable GHCR_TOKEN is not set").contains("access.ghcr")
        .contains("access.ghcr.k8s_secret[\"edge\"]: not planned: it depends on access.ghcr.credential")
        .doesNotContain("will be updated").doesNotContain("password = (sensitive) -> (sensitive)");
  }

  @Test
  void driftReportsItAsNotCheckedRatherThanAConfigChange() {
    CliRun.Result r = cli.run("drift", "-chdir=" + stack);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.all()).contains("the environment variable GHCR_TOKEN is not set").doesNotContain("pending change: the config changed");
  }
}
