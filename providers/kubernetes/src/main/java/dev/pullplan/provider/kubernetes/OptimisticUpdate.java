package dev.pullplan.provider.kubernetes;

import dev.pullplan.PullplanException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Read-modify-write guarded by {@code resourceVersion}: the PUT carries the version that was read,
 * the API server answers 409 when someone changed the object since, and then the change is made
 * again on a fresh read. JSON patch with a {@code test} op would be the other way, but the mock
 * API server hangs the client on a failing {@code test}.
 */
final class OptimisticUpdate {
  static final int ATTEMPTS = 5;

  private OptimisticUpdate() {}

  /**
   * @param what {@code serviceaccount edge/default in cluster "partner"}, for the give-up message
   * @param first the object as last read (its {@code resourceVersion} guards the first PUT)
   * @param change the wanted object made from the current one, or empty when it already is right;
   *     must not modify its argument
   * @return the object after the change, or empty when it disappeared meanwhile
   */
  static <T> Optional<T> apply(
      String what, T first, Supplier<Optional<T>> reread, Function<T, Optional<T>> change, UnaryOperator<T> put) {
    T current = first;
    for (int attempt = 1; ; attempt++) {
      Optional<T> next = change.apply(current);
      if (next.isEmpty()) {
        return Optional.of(current);
      }
      try {
        return Optional.of(put.apply(next.get()));
      } catch (KubernetesApiException e) {
        if (!e.isConflict()) {
          throw e;
        }
        if (attempt == ATTEMPTS) {
          throw new PullplanException(what + " was changed by someone else " + ATTEMPTS
              + " times while pullplan was updating it; run apply again", e);
        }
      }
      Optional<T> fresh = reread.get();
      if (fresh.isEmpty()) {
        return Optional.empty();
      }
      current = fresh.get();
    }
  }
}
