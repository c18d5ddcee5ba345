package dev.pullplan.provider.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class RegistryRetryTest {

  @Test
  void retryAfterIsHonouredButCapped() {
    assertThat(RegistryRetry.delay(0, Optional.of("3"), 1.0)).isEqualTo(Duration.ofSeconds(3));
    assertThat(RegistryRetry.delay(0, Optional.of("3600"), 1.0)).isEqualTo(RegistryRetry.MAX_RETRY_AFTER);
  }

  @Test
  void withoutRetryAfterTheWaitDoublesUpToTheCapAndIsJittered() {
    assertThat(RegistryRetry.delay(0, Optional.empty(), 1.0)).isEqualTo(Duration.ofMillis(250));
    assertThat(RegistryRetry.delay(2, Optional.empty(), 1.0)).isEqualTo(Duration.ofMillis(1000));
    assertThat(RegistryRetry.delay(9, Optional.empty(), 1.0)).isEqualTo(RegistryRetry.MAX_BACKOFF);
    assertThat(RegistryRetry.delay(1, Optional.of("a date"), 0.8)).isEqualTo(Duration.ofMillis(400));
    for (int i = 0; i < 100; i++) {
      assertThat(RegistryRetry.jitter()).isBetween(0.8, 1.2);
    }
  }

  @Test
  void onlyWhatCanHealInSecondsIsRetried() {
    assertThat(RegistryRetry.retryable(429)).isTrue();
    assertThat(RegistryRetry.retryable(503)).isTrue();
    assertThat(RegistryRetry.retryable(401)).isFalse();
    assertThat(RegistryRetry.retryable(404)).isFalse();
    assertThat(RegistryRetry.retryable(new IOException("connection reset"))).isTrue();
    assertThat(RegistryRetry.retryable(new ConnectException("refused"))).isFalse();
    assertThat(RegistryRetry.retryable(new IOException(new SSLHandshakeException("untrusted")))).isFalse();
  }
}
