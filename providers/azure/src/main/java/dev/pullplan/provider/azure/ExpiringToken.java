package dev.pullplan.provider.azure;

import com.azure.core.credential.AccessToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A bearer token that is fetched again before it expires: the Kubernetes client asks for it before
 * each request, so a run longer than the token's life (an hour on Azure) keeps going. The fetch
 * happens once a fifth of the token's life (at most five minutes) is left, so a request in flight
 * never carries a token that expires on the way.
 */
final class ExpiringToken implements Supplier<String> {
  private static final Duration MAX_MARGIN = Duration.ofMinutes(5);

  private final Supplier<AccessToken> fetch;
  private final Clock clock;
  private AccessToken current;
  private Instant refreshAt = Instant.MIN;

  ExpiringToken(Supplier<AccessToken> fetch, Clock clock) {
    this.fetch = fetch;
    this.clock = clock;
  }

  @Override
  public synchronized String get() {
    Instant now = clock.instant();
    if (current == null || !now.isBefore(refreshAt)) {
      current = fetch.get();
      Instant expires = current.getExpiresAt().toInstant();
      Duration life = Duration.between(now, expires);
      Duration margin = life.dividedBy(5);
      refreshAt = expires.minus(margin.compareTo(MAX_MARGIN) > 0 ? MAX_MARGIN : margin);
    }
    return current.getToken();
  }

  @Override
  public String toString() {
    return "ExpiringToken[<redacted>, refreshAt=" + refreshAt + "]";
  }
}
