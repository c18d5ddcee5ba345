package dev.pullplan.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.diag.Diagnostics;
import dev.pullplan.diag.Position;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Hcl4jGateTest {

  @Test
  void rejectionBecomesAPositionedDiagnostic() {
    Diagnostics diagnostics = new Diagnostics();

    Hcl4jGate.check("main.pullplan.hcl", "registry \"r\" {\n  server = = \"x\"\n}\n", diagnostics);

    assertThat(diagnostics.all()).singleElement().satisfies(d -> {
      assertThat(d.position()).isEqualTo(new Position("main.pullplan.hcl", 2, 12));
      assertThat(d.message()).isEqualTo("syntax error: unexpected `=`");
    });
  }

  @Test
  void parsingPrintsNothingToStdout() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Hcl4jGate.check("main.pullplan.hcl", "x = [for s in [\"a\"] : upper(s)]\n", new Diagnostics());
    } finally {
      System.setOut(original);
    }

    assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
