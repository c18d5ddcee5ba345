package dev.pullplan.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pullplan.diag.Diagnostic;
import dev.pullplan.diag.DiagnosticsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every directory under {@code config/broken/} is a config with known mistakes; its
 * {@code expected.txt} holds every diagnostic the loader must report, with its hint, exactly.
 */
class BrokenConfigCorpusTest {
  static final Path CORPUS = Path.of("src", "test", "resources", "config", "broken");

  static Stream<Path> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(CORPUS)) {
      return dirs.filter(Files::isDirectory).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsExactlyTheExpectedDiagnostics(Path dir) throws IOException {
    DiagnosticsException thrown = catchThrowableOfType(DiagnosticsException.class,
        () -> new ConfigLoader("/home/user").load(dir, VariableInputs.none()));

    assertThat(thrown).as("%s must not load", dir.getFileName()).isNotNull();
    String actual = thrown.diagnostics().stream().map(Diagnostic::toString)
        .collect(Collectors.joining("\n")).replace(System.lineSeparator(), "\n");
    assertThat(actual).isEqualTo(Files.readString(dir.resolve("expected.txt")).strip());
  }

  @Test
  void theCorpusHasAtLeastFortyCases() throws IOException {
    assertThat(cases()).hasSizeGreaterThanOrEqualTo(40);
  }
}
