package dev.pullplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.context.ProviderRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's first command: the guided tour on the bundled quickstart, with the real providers. */
class DemoTest {
  @Test
  void demoToursPlanApplyDriftRepairAndDestroy() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Console console = new Console(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false, ProviderRegistry::discover);

    int exit = Pullplan.run(console, "demo");

    String shown = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(shown + err).isZero();
    assertThat(shown).contains("=== Step 1", "=== Step 7", "Plan: 10 to add, 0 to change, 0 to destroy, 0 to rotate.",
        "Apply complete! Resources: 10 added", "No changes. Pull access matches the configuration.",
        "Objects have changed outside of pullplan", "Destroy complete! Resources: 0 added, 0 changed, 10 destroyed",
        "partner/edge still has the foreign secret legacy-pull: true", "Demo finished in");
    // the Secrets carry the login server ARM answers (the sandbox's real registry): the proof passes
    assertThat(shown + err).doesNotContain("written without proof", ".azurecr.io is unreachable");
  }
}
