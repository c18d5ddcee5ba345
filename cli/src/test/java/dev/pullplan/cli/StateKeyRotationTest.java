package dev.pullplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.state.crypto.Keyring;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotating the state key: with the new passphrase set and the old one as
 * {@code PULLPLAN_STATE_PASSPHRASE_FALLBACK} for one run, that run re-encrypts the state, even an
 * apply with nothing to change, and the next run needs the new key alone.
 */
class StateKeyRotationTest {
  private static final String OLD = "old passphrase, long enough";
  private static final String NEW = "new passphrase, long enough";

  @TempDir Path dir;
  CliRun cli;

  @BeforeEach
  void appliedWithTheOldKey() throws Exception {
    Files.writeString(dir.resolve("main.pullplan.hcl"), CommandLineTest.STACK);
    cli = new CliRun(dir);
    cli.env.put(Keyring.PASSPHRASE, OLD);
    CliRun.Result first = cli.inStack("apply", "-auto-approve");
    assertThat(first.exit()).as(first.all()).isZero();
    assertThat(Files.readString(dir.resolve("pullplan.state.json"))).containsPattern("\"sensitive_values\"\\s*:\\s*\"encrypted\"");
  }

  private void rotate() {
    cli.env.put(Keyring.PASSPHRASE, NEW);
    cli.env.put(Keyring.PASSPHRASE_FALLBACK, OLD);
  }

  private void newKeyAlone() {
    cli.env.put(Keyring.PASSPHRASE, NEW);
    cli.env.remove(Keyring.PASSPHRASE_FALLBACK);
  }

  @Test
  void theNewKeyAloneCannotReadTheStateBeforeRotation() {
    newKeyAlone();

    CliRun.Result plan = cli.inStack("plan");

    assertThat(plan.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(plan.err()).contains(Keyring.PASSPHRASE_FALLBACK);
  }

  @Test
  void anApplyWithNoChangesReencryptsAStateOnlyTheFallbackOpens() throws Exception {
    rotate();

    CliRun.Result apply = cli.inStack("apply", "-auto-approve");

    assertThat(apply.exit()).as(apply.all()).isZero();
    assertThat(apply.out()).contains("No changes");
    assertThat(apply.err()).contains("Re-encrypted the state in", "with the key in PULLPLAN_STATE_PASSPHRASE",
        "readable only with the key in PULLPLAN_STATE_PASSPHRASE_FALLBACK");
    newKeyAlone();
    CliRun.Result next = cli.inStack("plan", "-detailed-exitcode");
    assertThat(next.exit()).as(next.all()).isZero();
    assertThat(next.err()).doesNotContain("Re-encrypted");
  }

  @Test
  void aSecondRunWithTheFallbackStillSetDoesNotRewriteTheState() throws Exception {
    rotate();
    assertThat(cli.inStack("apply", "-auto-approve").exit()).isZero();
    String afterRotation = Files.readString(dir.resolve("pullplan.state.json"));

    CliRun.Result again = cli.inStack("apply", "-auto-approve");

    assertThat(again.exit()).isZero();
    assertThat(again.err()).doesNotContain("Re-encrypted");
    assertThat(Files.readString(dir.resolve("pullplan.state.json"))).isEqualTo(afterRotation);
  }

  @Test
  void stateRekeyReencryptsOnRequest() {
    rotate();

    CliRun.Result rekey = cli.inStack("state", "rekey");

    assertThat(rekey.exit()).as(rekey.all()).isZero();
    assertThat(rekey.err()).contains("Re-encrypted the state", "readable only with the key in " + Keyring.PASSPHRASE_FALLBACK);
    newKeyAlone();
    assertThat(cli.inStack("state", "list").exit()).isZero();
    CliRun.Result plan = cli.inStack("plan", "-detailed-exitcode");
    assertThat(plan.exit()).as(plan.all()).isZero();
  }

  @Test
  void stateRekeyWithoutAKeySaysWhichVariablesToSet() {
    cli.env.remove(Keyring.PASSPHRASE);

    CliRun.Result rekey = cli.inStack("state", "rekey");

    assertThat(rekey.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(rekey.err()).contains("no state key is configured", Keyring.PASSPHRASE, Keyring.PASSPHRASE_FALLBACK);
  }
}
