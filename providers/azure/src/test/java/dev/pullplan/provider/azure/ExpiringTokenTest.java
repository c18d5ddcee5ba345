package dev.pullplan.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A token is reused while it lives and fetched again once a fifth of its life (at most 5 min) is left. */
class ExpiringTokenTest {
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  final Clock clock = new Clock() {
    @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    @Override public Instant instant() { return now.get(); }
  };
  final AtomicInteger fetched = new AtomicInteger();

  private ExpiringToken lasting(Duration life) {
    return new ExpiringToken(() -> new AccessToken("t" + fetched.incrementAndGet(),
        OffsetDateTime.ofInstant(now.get().plus(life), ZoneOffset.UTC)), clock);
  }

  private void wait(Duration d) {
    now.set(now.get().plus(d));
  }

  @Test
  void anHourTokenIsRefetchedFiveMinutesBeforeItExpires() {
    ExpiringToken token = lasting(Duration.ofHours(1));

    assertThat(token.get()).isEqualTo("t1");
    wait(Duration.ofMinutes(54));
    assertThat(token.get()).isEqualTo("t1");
    wait(Duration.ofMinutes(1));
    assertThat(token.get()).isEqualTo("t2");
    assertThat(fetched).hasValue(2);
  }

  @Test
  void aShortTokenIsRefetchedWithAFifthOfItsLifeLeft() {
    ExpiringToken token = lasting(Duration.ofSeconds(5));

    assertThat(token.get()).isEqualTo("t1");
    wait(Duration.ofMillis(3_900));
    assertThat(token.get()).isEqualTo("t1");
    wait(Duration.ofMillis(100));
    assertThat(token.get()).isEqualTo("t2");
  }

  @Test
  void itsTextHoldsNoToken() {
    ExpiringToken token = lasting(Duration.ofHours(1));
    token.get();
    assertThat(token.toString()).doesNotContain("t1");
  }
}
