package dev.pullplan.apply;

import dev.pullplan.diag.Diagnostic;
import dev.pullplan.address.Address;
import java.util.List;

/**
 * @param applied resources changed successfully
 * @param skipped resources not touched because something they depend on failed
 */
public record ApplyResult(List<Address> applied, List<Diagnostic> failures, List<Address> skipped) {

  public boolean succeeded() {
    return failures.isEmpty() && skipped.isEmpty();
  }
}
