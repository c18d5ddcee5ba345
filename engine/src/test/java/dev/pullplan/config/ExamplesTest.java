package dev.pullplan.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.diag.DiagnosticsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExamplesTest {
  static final Path EXAMPLES = Path.of("..", "examples");
  static final VariableInputs SANDBOX = new VariableInputs(List.of(), List.of(),
      Map.of("PULLPLAN_VAR_subscription_id", "00000000-0000-0000-0000-000000000000"));

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> dirs = Files.list(EXAMPLES)) {
      return dirs.filter(Files::isDirectory).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleValidatesWithoutWarnings(Path example) {
    Loaded loaded;
    try {
      loaded = new ConfigLoader("/home/user").load(example, SANDBOX);
    } catch (DiagnosticsException e) {
      throw new AssertionError(example + " is invalid:\n" + e.getMessage());
    }
    assertThat(loaded.warnings()).isEmpty();
    assertThat(loaded.stack().accesses()).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleHasAReadmeLine(Path example) throws IOException {
    assertThat(Files.readString(example.resolve("README.md")).strip()).isNotEmpty();
  }
}
