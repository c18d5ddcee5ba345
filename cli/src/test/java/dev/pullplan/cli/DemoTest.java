package dev.pullplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's first command: the guided tour on the bundled quickstart, with the real providers. */
class DemoTest {
  @Test
  void demoToursPlanApplyDriftRepairAndDestroy() {
    CliRun.Result demo = CliRun.withDiscoveredProviders(Path.of(""), Map.of()).run("demo");

    assertThat(demo.exit()).as(demo.all()).isZero();
    assertThat(demo.out()).contains("=== Step 1", "=== Step 7", "Plan: 10 to add, 0 to change, 0 to destroy, 0 to rotate.",
        "Apply complete! Resources: 10 added", "No changes. Pull access matches the configuration.",
        "Objects have changed outside of pullplan", "Destroy complete! Resources: 0 added, 0 changed, 10 destroyed",
        "partner/edge still has the foreign secret legacy-pull: true", "Demo finished in");
    // the Secrets carry the login server ARM answers (the sandbox's real registry): the proof passes
    assertThat(demo.all()).doesNotContain("written without proof", ".azurecr.io is unreachable");
  }
}
