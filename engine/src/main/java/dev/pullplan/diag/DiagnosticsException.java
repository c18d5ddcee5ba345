package dev.pullplan.diag;

import dev.pullplan.PullplanException;
import java.util.List;
import java.util.stream.Collectors;

/** Thrown when the input has errors; carries all of them. */
public final class DiagnosticsException extends PullplanException {
  private final transient List<Diagnostic> diagnostics;

  public DiagnosticsException(List<Diagnostic> diagnostics) {
    super(diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining(System.lineSeparator())));
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
