package dev.pullplan.spi;

import dev.pullplan.model.Lifetime;
import java.util.Optional;

/**
 * When a credential must be renewed. A rotatable type records {@code created_at} and, if it
 * expires, {@code expires_at} (ISO-8601 instants) among its state attributes; the engine plans a
 * rotation when {@code rotateAfter} has passed since {@code created_at} or {@code expires_at} is
 * within {@code renewBefore}.
 */
public record Lifecycle(Optional<Lifetime> rotateAfter, Optional<Lifetime> renewBefore) {
  public static final Lifecycle NONE = new Lifecycle(Optional.empty(), Optional.empty());

  public boolean rotates() {
    return rotateAfter.isPresent() || renewBefore.isPresent();
  }
}
