package dev.pullplan.provider.azure;

import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import dev.pullplan.spi.RunContext;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting out Entra replication: a principal or application created a moment ago is not yet known
 * everywhere (ARM answers 400 PrincipalNotFound, Graph 404 or 400). Exponential from 2 s, capped
 * at 30 s, about 90 s in all — replication usually takes seconds, and an unbounded wait would hide
 * a principal that really does not exist. Waits through the SDK's delay hook, like its own polling.
 */
final class ReplicationBackoff {
  static final List<Duration> DELAYS = List.of(
      Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16),
      Duration.ofSeconds(30), Duration.ofSeconds(30));

  private ReplicationBackoff() {}

  /** Runs {@code call}, again after each wait while its failure is a replication one; then rethrows. */
  static <T> T retry(RunContext run, Predicate<AzureError> replicating, Supplier<T> call) {
    for (int attempt = 0; ; attempt++) {
      try {
        return call.get();
      } catch (RuntimeException e) {
        boolean again = attempt < DELAYS.size() && AzureError.of(e).filter(replicating).isPresent();
        if (!again) {
          throw e;
        }
        run.progress(progress(attempt));
        ResourceManagerUtils.sleep(DELAYS.get(attempt));
      }
    }
  }

  /** The progress line before the {@code attempt}-th wait (0-based): the time waited by its end. */
  static String progress(int attempt) {
    Duration waited = DELAYS.subList(0, attempt + 1).stream().reduce(Duration.ZERO, Duration::plus);
    return "waiting for Entra replication, " + waited.toSeconds() + " s";
  }
}
