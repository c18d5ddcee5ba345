package dev.pullplan.provider.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pullplan.provider.registry.RegistryFailure.CredentialsRejected;
import dev.pullplan.provider.registry.RegistryFailure.ManifestUnknown;
import dev.pullplan.provider.registry.RegistryFailure.NotAllowed;
import dev.pullplan.provider.registry.RegistryFailure.TlsFailure;
import dev.pullplan.provider.registry.RegistryFailure.Unavailable;
import dev.pullplan.provider.registry.RegistryFailure.Unreachable;
import dev.pullplan.sandbox.Sandbox;
import dev.pullplan.sandbox.kube.KubeSeed;
import dev.pullplan.sandbox.registry.LocalRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against the sandbox's real docker-registry (CNCF distribution, token auth) and its ACR
 * token server: every answer classified as what it is. No mock of the registry anywhere.
 */
class RegistryClientTest {
  private static final ImageName PROBE = ImageName.parse("edge/sim:1.0").orElseThrow();
  private static final ImageName OTHER = ImageName.parse("apps/web:1.0").orElseThrow();

  @TempDir static Path dir;
  static Sandbox sandbox;
  static SandboxAcr acr;
  static String server;
  final RegistryClient client = RegistryClient.withDefaults();

  @BeforeAll
  static void start() {
    if (!LocalRegistry.available()) {
      System.out.println("RegistryClientTest skipped: " + LocalRegistry.BINARY + " is not installed"
          + " (apt-get install docker-registry)");
      return;
    }
    sandbox = Sandbox.start(dir, KubeSeed.defaultSeed());
    acr = new SandboxAcr(sandbox.azure(), "rg-registry", "pullplandemo");
    server = sandbox.registry().orElseThrow().address();
  }

  @AfterAll
  static void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  private static void requireRegistry() {
    assumeTrue(sandbox != null, LocalRegistry.BINARY + " is not installed");
  }

  @Test
  void aTokenScopedToTheRepositoryReadsItsManifestByTagAndByDigest() {
    requireRegistry();
    SandboxAcr.Login token = acr.token("edge-reader", List.of("edge/sim"));

    ManifestHead byTag = client.head(server, token.basic(), PROBE);
    ManifestHead byDigest = client.head(server, token.basic(),
        new ImageName("edge/sim", byTag.digest()));

    assertThat(byTag.digest()).startsWith("sha256:");
    assertThat(byTag.mediaType()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
    assertThat(byDigest.digest()).isEqualTo(byTag.digest());
  }

  @Test
  void aTokenScopedToAnotherRepositoryAuthenticatesButIsNotAllowed() {
    requireRegistry();
    SandboxAcr.Login token = acr.token("edge-only", List.of("edge/sim"));

    client.authenticate(server, token.basic());
    assertThatThrownBy(() -> client.head(server, token.basic(), OTHER))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.failure())
            .isInstanceOfSatisfying(NotAllowed.class, f -> assertThat(f.repository()).isEqualTo("apps/web")));
  }

  @Test
  void aWildcardScopeMapReadsEveryRepository() {
    requireRegistry();
    SandboxAcr.Login token = acr.token("reads-all", List.of("*"));

    assertThat(client.head(server, token.basic(), PROBE).digest()).startsWith("sha256:");
    assertThat(client.head(server, token.basic(), OTHER).digest()).startsWith("sha256:");
  }

  @Test
  void aWrongPasswordIsRejectedWithoutItsValueInTheMessage() {
    requireRegistry();
    SandboxAcr.Login token = acr.token("edge-wrong", List.of("edge/sim"));
    RegistryCredential.Basic wrong = new RegistryCredential.Basic(token.username(), "not-" + token.password());

    assertThatThrownBy(() -> client.head(server, wrong, PROBE))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.failure()).isInstanceOf(CredentialsRejected.class);
          assertThat(e.getMessage()).contains("user edge-wrong").doesNotContain(token.password());
        });
  }

  @Test
  void aServicePrincipalWithAcrPullReadsAnyRepository() {
    requireRegistry();
    SandboxAcr.Login sp = acr.servicePrincipal("puller", true);

    assertThat(client.head(server, sp.basic(), OTHER).digest()).startsWith("sha256:");
  }

  @Test
  void aServicePrincipalWithoutARoleAuthenticatesButMayNotPull() {
    requireRegistry();
    SandboxAcr.Login sp = acr.servicePrincipal("no-role", false);

    client.authenticate(server, sp.basic());
    assertThatThrownBy(() -> client.head(server, sp.basic(), PROBE))
        .satisfies(e -> assertThat(((RegistryException) e).failure()).isInstanceOf(NotAllowed.class));
  }

  @Test
  void anEntraTokenIsExchangedForARefreshTokenAndThenAnAccessToken() {
    requireRegistry();
    SandboxAcr.Login sp = acr.servicePrincipal("workload", true);

    assertThat(client.head(server, acr.entraToken(sp), PROBE).digest()).startsWith("sha256:");
  }

  @Test
  void anEntraTokenTheDirectoryDidNotIssueIsRejectedAtTheExchange() {
    requireRegistry();
    RegistryCredential.EntraToken forged = new RegistryCredential.EntraToken(sandbox.azure().tenantId(),
        "sandbox.forged", "forged");

    assertThatThrownBy(() -> client.authenticate(server, forged))
        .satisfies(e -> assertThat(((RegistryException) e).failure()).isInstanceOf(CredentialsRejected.class));
  }

  @Test
  void aTagThatDoesNotExistIsManifestUnknown() {
    requireRegistry();
    SandboxAcr.Login token = acr.token("edge-tags", List.of("edge/sim"));

    assertThatThrownBy(() -> client.head(server, token.basic(), new ImageName("edge/sim", "9.9")))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.failure())
            .isInstanceOfSatisfying(ManifestUnknown.class, f -> assertThat(f.answer()).contains("MANIFEST_UNKNOWN")));
  }

  @Test
  void aThrottledAnswerIsRetriedAfterItsRetryAfter() {
    requireRegistry();
    SandboxAcr.Login token = acr.token("edge-throttled-once", List.of("edge/sim"));
    sandbox.azure().faults().failNext("GET", "^/oauth2/token", 429);
    long started = System.nanoTime();
    try {
      client.head(server, token.basic(), PROBE);
    } finally {
      sandbox.azure().faults().reset();
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited the Retry-After: 1")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aTokenServerThatStaysThrottledIsUnavailableWithItsRetryAfterAfterBoundedRetries() {
    requireRegistry();
    SandboxAcr.Login token = acr.token("edge-throttled", List.of("edge/sim"));
    sandbox.azure().faults().failNext("GET", "^/oauth2/token", 429, "TooManyRequests", RegistryRetry.RETRIES + 1);
    try {
      assertThatThrownBy(() -> client.head(server, token.basic(), PROBE))
          .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.failure())
              .isEqualTo(new Unavailable(server, 429, Optional.of(Duration.ofSeconds(1)))));
    } finally {
      sandbox.azure().faults().reset();
    }
  }

  @Test
  void aPortNobodyListensOnIsUnreachable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    assertThatThrownBy(() -> client.authenticate("127.0.0.1:" + port, new RegistryCredential.Anonymous()))
        .satisfies(e -> assertThat(((RegistryException) e).failure())
            .isEqualTo(new Unreachable("127.0.0.1:" + port, "connection refused")));
  }

  @Test
  void aNameThatDoesNotResolveIsUnreachableByDns() {
    assertThatThrownBy(() -> client.authenticate("registry.invalid", new RegistryCredential.Anonymous()))
        .satisfies(e -> assertThat(((RegistryException) e).failure())
            .isEqualTo(new Unreachable("registry.invalid", "DNS name not found")));
  }

  @Test
  void plainHttpWhereTlsIsExpectedIsATlsFailure() {
    requireRegistry();
    String plain = "https://" + server;

    assertThatThrownBy(() -> client.authenticate(plain, new RegistryCredential.Anonymous()))
        .satisfies(e -> assertThat(((RegistryException) e).failure()).isInstanceOf(TlsFailure.class));
  }
}
