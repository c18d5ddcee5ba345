package dev.pullplan.provider.registry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;

/**
 * When and how long the registry client waits before trying a request again: after a 429 or a
 * 5xx, and after a connection that broke mid-request, up to {@link #RETRIES} times. The wait is
 * the answer's {@code Retry-After} (capped at {@link #MAX_RETRY_AFTER}, so a registry cannot park
 * a run), else a jittered exponential delay from {@link #BASE} capped at {@link #MAX_BACKOFF}.
 * DNS, TLS, refused connections and timeouts are not retried: they do not heal in seconds, and
 * a timeout has already waited.
 */
final class RegistryRetry {
  static final int RETRIES = 4;
  static final Duration BASE = Duration.ofMillis(250);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(4);
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(10);

  private RegistryRetry() {}

  static boolean retryable(int status) {
    return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
  }

  static boolean retryable(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException || t instanceof SSLException
          || t instanceof HttpTimeoutException || t instanceof ConnectException) {
        return false;
      }
    }
    return true;
  }

  /**
   * The wait before retry number {@code attempt + 1}.
   *
   * @param retryAfter the {@code Retry-After} header, when the answer had one (seconds; an HTTP
   *     date is treated as absent)
   */
  static Duration delay(int attempt, Optional<String> retryAfter, double jitter) {
    Optional<Duration> asked = retryAfter.flatMap(v -> {
      try {
        return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim()))));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
    if (asked.isPresent()) {
      return asked.get().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked.get();
    }
    long exponential = BASE.toMillis() << Math.min(attempt, 10);
    long capped = Math.min(exponential, MAX_BACKOFF.toMillis());
    return Duration.ofMillis(Math.round(capped * jitter));
  }

  /** A jitter factor in [0.8, 1.2): clients that failed together do not come back together. */
  static double jitter() {
    return 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
  }

  static void pause(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }
}
