package dev.pullplan.config;

import dev.pullplan.diag.Diagnostic;
import dev.pullplan.model.Stack;
import java.util.List;

/** A config that loaded without errors, and the warnings found on the way. */
public record Loaded(Stack stack, List<Diagnostic> warnings) {
  public Loaded {
    warnings = List.copyOf(warnings);
  }
}
