package dev.pullplan.provider.kubernetes;

import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A write whose 409 Conflict may be its own first attempt. fabric8 retries every verb, POST and
 * PUT included, on a 429, a 5xx or an I/O error; when the API server stored the write but its
 * answer was lost, the retry meets that write: a create finds the object already there, an update
 * finds the resourceVersion it carries moved on by itself. So on a conflict the object is read
 * again, and when it holds what this write wrote, it stands as the write's answer; anything else
 * is the conflict it was. (The handlers' creates go further on a 409: they adopt any object of
 * theirs, left by a run that died, and rewrite it.)
 */
public final class RetriedWrite {
  private RetriedWrite() {}

  /**
   * @param current the object as it is now, read after a conflict (empty: it is gone)
   * @param ours whether that object holds what this write wrote; it compares, and must not print
   *     what it compares (state and leases name secrets and holders)
   * @return the write's answer, or the object as read when the conflict was this write's own
   * @throws KubernetesApiException the 409, when the object is not this write's (someone else's, or gone)
   */
  public static <T> T perform(Supplier<T> write, Supplier<Optional<T>> current, Predicate<T> ours) {
    try {
      return write.get();
    } catch (KubernetesApiException e) {
      if (!e.isConflict()) {
        throw e;
      }
      return current.get().filter(ours).orElseThrow(() -> e);
    }
  }
}
