package dev.pullplan.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.util.Context;
import dev.pullplan.PullplanException;
import dev.pullplan.testing.TestRun;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing in when the token endpoint is down or unreachable although credentials are set: the
 * error names the endpoint and what it answered, not "no Azure login found", and the run gives up
 * after a bounded number of token requests instead of asking again for every call.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInFailureSandboxTest {
  SandboxAzure azure;

  @BeforeAll
  void start(@TempDir Path tmp) {
    azure = new SandboxAzure(tmp);
  }

  @AfterAll
  void stop() {
    azure.close();
  }

  @AfterEach
  void cleanUp() {
    azure.sandbox.faults().reset();
  }

  private AzureConnection connection(Map<String, String> environment) {
    TestRun run = new TestRun(SandboxAzure.stack(), environment);
    return new AzureConnection(AzureSettings.resolve(Map.of(), environment, Path.of(".")), environment,
        new CallCounting(run));
  }

  /** Three calls, as a plan makes many: listing registries, clusters, role assignments. */
  private static void threeCalls(AzureConnection c) {
    for (int i = 0; i < 3; i++) {
      AzureCalls.call(AzureOperation.READ_REGISTRY, "registries of the subscription", () ->
          c.home().registries().serviceClient().getRegistries().list(Context.NONE).stream().toList());
    }
  }

  private long tokenRequests() {
    return azure.sandbox.requests().stream().filter(r -> r.path().endsWith("/oauth2/v2.0/token")).count();
  }

  @Test
  void aTokenEndpointAnswering503IsNamedWithItsStatusAndAskedABoundedNumberOfTimes() {
    azure.sandbox.faults().failNext("POST", "/oauth2/v2\\.0/token$", 503, "temporarily_unavailable", 1000);
    azure.sandbox.clearRequests();
    AzureConnection c = connection(azure.environment);
    Instant start = Instant.now();

    assertThatThrownBy(() -> threeCalls(c))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining(azure.sandbox.authorityHost().replaceAll("/$", "") + "/" + azure.sandbox.tenantId()
            + "/oauth2/v2.0/token")
        .hasMessageContaining("503")
        .message().doesNotContain("no Azure login found").doesNotContain("az login")
        .doesNotContain(azure.sandbox.clientSecret());
    assertThat(tokenRequests()).isBetween(1L, 8L);
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(60));
  }

  @Test
  void anUnreachableTokenEndpointIsNamedNotReportedAsAMissingLogin() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Map<String, String> environment = new HashMap<>(azure.environment);
    environment.put("AZURE_AUTHORITY_HOST", "https://127.0.0.1:" + closed + "/");
    AzureConnection c = connection(environment);
    Instant start = Instant.now();

    assertThatThrownBy(() -> threeCalls(c))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("https://127.0.0.1:" + closed + "/" + azure.sandbox.tenantId() + "/oauth2/v2.0/token")
        .hasMessageContaining("could not be reached")
        .message().doesNotContain("no Azure login found");
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(60));
  }

  @Test
  void aRefusedClientSecretSaysTheCredentialsWereRefused() {
    Map<String, String> environment = new HashMap<>(azure.environment);
    environment.put("AZURE_CLIENT_SECRET", "not-the-secret");
    AzureConnection c = connection(environment);

    assertThatThrownBy(() -> threeCalls(c))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("401")
        .hasMessageContaining("AZURE_CLIENT_SECRET")
        .message().doesNotContain("no Azure login found").doesNotContain("not-the-secret");
  }
}
