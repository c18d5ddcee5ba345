package dev.pullplan.plan;

import java.util.Optional;

/** A resource that cannot be planned (a foreign object in the way, an unreachable cluster). */
public record PlanProblem(String address, String message, Optional<String> hint) {

  @Override
  public String toString() {
    return address + ": " + message + hint.map(h -> " (" + h + ")").orElse("");
  }
}
