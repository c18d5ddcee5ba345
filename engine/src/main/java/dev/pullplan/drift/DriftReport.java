package dev.pullplan.drift;

import dev.pullplan.plan.Plan;
import dev.pullplan.diag.Diagnostic;
import java.time.Instant;
import java.util.List;

/**
 * A refresh-only comparison of state, config and what exists: every resource with what, if
 * anything, differs. Built from a plan in normal mode, so it says what apply would do about each.
 *
 * @param resources every resource of the config and the state, in address order
 * @param problems resources that could not be checked (an unreachable cluster, a foreign object)
 */
public record DriftReport(
    List<DriftItem> resources,
    List<Diagnostic> problems,
    List<String> warnings,
    Instant checkedAt,
    String configDigest,
    boolean stateExists,
    String stateLineage,
    long stateSerial) {

  public static DriftReport of(Plan plan) {
    return new DriftReport(new DriftClassifier(plan).items(), plan.problems(), plan.warnings(), plan.createdAt(),
        plan.configDigest(), plan.baseExisted(), plan.base().lineage(), plan.base().serial());
  }

  public List<DriftItem> findings() {
    return resources.stream().filter(DriftItem::isFinding).toList();
  }

  public long count(DriftKind kind) {
    return resources.stream().filter(r -> r.kind() == kind).count();
  }

  public boolean hasFindings() {
    return resources.stream().anyMatch(DriftItem::isFinding);
  }

  public boolean hasProblems() {
    return !problems.isEmpty();
  }

  /** One line for logs: {@code Drift: 1 changed outside pullplan, ...; 5 in sync.} */
  public String summaryLine() {
    if (!hasFindings()) {
      return "No drift: " + resources.size() + " resource" + (resources.size() == 1 ? "" : "s")
          + " match the state and the config" + (hasProblems() ? ", " + problems.size() + " could not be checked." : ".");
    }
    StringBuilder line = new StringBuilder("Drift: ");
    line.append(count(DriftKind.CHANGED_OUTSIDE)).append(" changed outside pullplan, ")
        .append(count(DriftKind.MISSING)).append(" missing, ")
        .append(count(DriftKind.UNEXPECTED_EXTRA)).append(" unexpected extra, ")
        .append(count(DriftKind.PENDING_CHANGE)).append(" pending change, ")
        .append(count(DriftKind.EXPIRING_CREDENTIAL)).append(" for credential rotation; ")
        .append(count(DriftKind.IN_SYNC)).append(" in sync");
    if (hasProblems()) {
      line.append("; ").append(problems.size()).append(" could not be checked");
    }
    return line.append('.').toString();
  }
}
