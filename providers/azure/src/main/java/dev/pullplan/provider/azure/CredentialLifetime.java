package dev.pullplan.provider.azure;

import dev.pullplan.PullplanException;
import dev.pullplan.model.Lifetime;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/** How long a password pullplan makes lives: {@code expires_after}, a year when not set. */
final class CredentialLifetime {
  static final Duration DEFAULT = Duration.ofDays(365);

  private CredentialLifetime() {}

  static Duration of(Map<String, Object> attributes) {
    Object text = attributes.get("expires_after");
    if (text == null) {
      return DEFAULT;
    }
    return Lifetime.parse(String.valueOf(text)).map(Lifetime::duration).orElseThrow(() ->
        new PullplanException("expires_after \"" + text + "\" is not a lifetime like 90d, 12h or 1d12h"));
  }

  static OffsetDateTime endFrom(Instant now, Map<String, Object> attributes) {
    return now.plus(of(attributes)).atOffset(ZoneOffset.UTC);
  }
}
