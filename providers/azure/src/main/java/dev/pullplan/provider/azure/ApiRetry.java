package dev.pullplan.provider.azure;

import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryPolicy;
import java.time.Duration;

/**
 * How ARM and Graph calls are retried, written down rather than left to the SDK's defaults: after
 * a 408, 429, 500, 502, 503 or 504 or a broken connection, up to {@link #RETRIES} times, waiting
 * what the answer's {@code Retry-After} (or {@code retry-after-ms}, {@code x-ms-retry-after-ms})
 * says, else a jittered exponential delay from {@link #BASE_DELAY} capped at {@link #MAX_DELAY}.
 * Each SDK client waits on its own, so a throttled ARM does not hold up Graph or the clusters.
 */
final class ApiRetry {
  static final int RETRIES = 4;
  static final Duration BASE_DELAY = Duration.ofMillis(500);
  static final Duration MAX_DELAY = Duration.ofSeconds(8);

  private ApiRetry() {}

  static RetryPolicy policy() {
    return new RetryPolicy(new ExponentialBackoff(new ExponentialBackoffOptions().setMaxRetries(RETRIES)
        .setBaseDelay(BASE_DELAY).setMaxDelay(MAX_DELAY)));
  }
}
