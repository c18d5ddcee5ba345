package dev.pullplan.provider.azure;

import static dev.pullplan.provider.azure.SandboxAzure.desired;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.address.Address;
import dev.pullplan.expand.ResourceTypes;
import dev.pullplan.sandbox.azure.RecordedRequest;
import dev.pullplan.sandbox.azure.SandboxOptions;
import dev.pullplan.spi.Desired;
import dev.pullplan.testing.TestRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long-running operations polled at the SDK's real pace (no test delay hook): every ARM operation
 * answers "in progress" a few times, and the gaps between a scope map's PUT and its polls are what
 * the test measures — Retry-After when ARM sends one, pullplan's short interval otherwise, never the
 * SDK's 30 s default.
 */
class LroPollingSandboxTest {

  private static Desired scopeMap(String name) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("stack", "teststack");
    attrs.put("registry", "shared");
    attrs.put("acr", SandboxAzure.ACR);
    attrs.put("name", name);
    attrs.put("repositories", List.of("edge/sim"));
    return desired(Address.of("access", name, "scope_map"), ResourceTypes.ACR_SCOPE_MAP, attrs);
  }

  /** The PUT of the scope map and every poll of its operation, in order. */
  private static List<RecordedRequest> putAndPolls(SandboxAzure azure, String name) {
    return azure.sandbox.requests().stream()
        .filter(r -> (r.method().equals("PUT") && r.path().endsWith("/scopeMaps/" + name))
            || r.path().contains("/operationStatuses/"))
        .toList();
  }

  private static List<Duration> gaps(List<RecordedRequest> requests) {
    return java.util.stream.IntStream.range(1, requests.size())
        .mapToObj(i -> Duration.between(requests.get(i - 1).time(), requests.get(i).time())).toList();
  }

  private static List<Duration> createAndMeasure(Path tmp, SandboxOptions options) {
    try (SandboxAzure azure = new SandboxAzure(tmp, options, d -> d)) {
      TestRun run = azure.run();
      new AzureProvider().open(run).handler(ResourceTypes.ACR_SCOPE_MAP).create(scopeMap("slow-map"), run);
      List<RecordedRequest> seen = putAndPolls(azure, "slow-map");
      assertThat(seen).as("the PUT, a poll per 'in progress' answer and the final one").hasSize(5);
      return gaps(seen);
    }
  }

  @Test
  void withoutRetryAfterPollsAtPullplansOneSecondIntervalNotTheSdksThirty(@TempDir Path tmp) {
    List<Duration> gaps = createAndMeasure(tmp, SandboxOptions.defaults().withLroPolls(3));

    assertThat(gaps).hasSize(4).allSatisfy(gap -> assertThat(gap)
        .isGreaterThanOrEqualTo(Duration.ofMillis(900))
        .isLessThan(Duration.ofSeconds(5)));
  }

  @Test
  void aRetryAfterFromArmIsTheIntervalHonoured(@TempDir Path tmp) {
    List<Duration> gaps = createAndMeasure(tmp, SandboxOptions.defaults().withLroPolls(3).withLroRetryAfter(2));

    assertThat(gaps).hasSize(4).allSatisfy(gap -> assertThat(gap)
        .isGreaterThanOrEqualTo(Duration.ofMillis(1900))
        .isLessThan(Duration.ofSeconds(6)));
  }
}
