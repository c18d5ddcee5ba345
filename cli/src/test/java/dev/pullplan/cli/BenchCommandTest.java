package dev.pullplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.context.ProviderRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark prints figures; what it must get right is the work, not the time. */
class BenchCommandTest {
  @Test
  void benchPrintsAFigureForEveryStepAndSize() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Console console = new Console(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Map.of(), false, ProviderRegistry::discover);

    int exit = Pullplan.run(console, "bench", "--namespaces", "1,3");

    String table = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).isZero();
    assertThat(table).containsPattern("(?m)^1 +first plan +\\d+\\.\\d\\ds +3 +2$");
    assertThat(table).containsPattern("(?m)^3 +first plan +\\d+\\.\\d\\ds +3 +6$");
    assertThat(table).containsPattern("(?m)^3 +plan, nothing to do +\\d+\\.\\d\\ds +3 +0$");
  }
}
