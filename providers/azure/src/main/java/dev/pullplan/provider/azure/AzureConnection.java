package dev.pullplan.provider.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.core.util.Configuration;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.core.util.ConfigurationSource;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.resourcemanager.authorization.AuthorizationManager;
import com.azure.resourcemanager.containerregistry.ContainerRegistryManager;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import dev.pullplan.PullplanException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The SDK side of a session: one HTTP client, one credential and, per subscription, the three
 * managers pullplan uses (container registry, container service, authorization) — not the
 * {@code azure-resourcemanager} umbrella, which would load every Azure manager for nothing.
 * Built on first use only.
 */
final class AzureConnection {
  private final AzureSettings settings;
  private final HttpClient http;
  private final TokenCredential credential;
  private final AzureEnvironment environment;
  private final CallCounting counting;
  private final LroPolling polling;
  private final Map<String, Managers> bySubscription = new ConcurrentHashMap<>();
  private volatile com.azure.resourcemanager.authorization.fluent.MicrosoftGraphClient graphWithoutRetry;

  /** The managers bound to one subscription. */
  record Managers(ContainerRegistryManager registries, ContainerServiceManager clusters,
      AuthorizationManager authorization) {}

  AzureConnection(AzureSettings settings, Map<String, String> environment, CallCounting counting) {
    this(settings, environment, counting, dev.pullplan.spi.HttpLog.OFF);
  }

  AzureConnection(AzureSettings settings, Map<String, String> environment, CallCounting counting,
      dev.pullplan.spi.HttpLog log) {
    this.settings = settings;
    this.counting = counting;
    this.polling = new LroPolling(LroPolling.DEFAULT_INTERVAL);
    this.http = LoggedHttpClient.around(httpClient(settings), log);
    this.environment = environment(settings);
    this.credential = credential(settings, environment, http);
  }

  Managers managers(String subscriptionId) {
    return bySubscription.computeIfAbsent(subscriptionId.toLowerCase(java.util.Locale.ROOT), s -> {
      AzureProfile profile = new AzureProfile(settings.tenantId().orElse(null), subscriptionId, environment);
      return new Managers(
          ContainerRegistryManager.configure().withHttpClient(http).withRetryPolicy(ApiRetry.policy()).withPolicy(counting)
              .withPolicy(polling)
              .authenticate(credential, profile),
          ContainerServiceManager.configure().withHttpClient(http).withRetryPolicy(ApiRetry.policy()).withPolicy(counting)
              .withPolicy(polling)
              .authenticate(credential, profile),
          AuthorizationManager.configure().withHttpClient(http).withRetryPolicy(ApiRetry.policy()).withPolicy(counting)
              .withPolicy(polling)
              .authenticate(credential, profile));
    });
  }

  /**
   * A bearer token for {@code scope} from the credential pullplan signs in with, e.g. for the AKS
   * Entra server application. Never logged.
   */
  com.azure.core.credential.AccessToken accessToken(String scope) {
    return credential.getTokenSync(new com.azure.core.credential.TokenRequestContext().addScopes(scope));
  }

  /**
   * Graph without the SDK's own retries, for creates that are not idempotent: when the connection
   * drops after Graph made an application, the SDK would send the POST again and make a second
   * one. The caller retries, after looking for what the lost answer would have named.
   */
  com.azure.resourcemanager.authorization.fluent.MicrosoftGraphClient graphWithoutRetry() {
    if (graphWithoutRetry == null) {
      synchronized (this) {
        if (graphWithoutRetry == null) {
          AzureProfile profile = new AzureProfile(settings.tenantId().orElse(null), settings.requireSubscription(),
              environment);
          graphWithoutRetry = AuthorizationManager.configure().withHttpClient(http).withPolicy(counting)
              .withRetryOptions(new com.azure.core.http.policy.RetryOptions(
                  new com.azure.core.http.policy.FixedDelayOptions(0, java.time.Duration.ZERO)))
              .authenticate(credential, profile).serviceClient();
        }
      }
    }
    return graphWithoutRetry;
  }

  /** Managers of the provider's own subscription: Graph and scope-addressed calls. */
  Managers home() {
    return managers(settings.requireSubscription());
  }

  private static HttpClient httpClient(AzureSettings settings) {
    java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder();
    settings.caFile().ifPresent(file -> jdk.sslContext(trusting(file)));
    return new JdkHttpClientBuilder(jdk).build();
  }

  private static AzureEnvironment environment(AzureSettings settings) {
    // the SDK takes its endpoints from one map; copy the public cloud's and replace what is set
    Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
    settings.armEndpoint().ifPresent(arm -> {
      endpoints.put("resourceManagerEndpointUrl", arm);
      endpoints.put("managementEndpointUrl", arm);
    });
    settings.graphEndpoint().ifPresent(graph -> endpoints.put("microsoftGraphResourceId", graph));
    settings.authorityHost().ifPresent(login -> endpoints.put("activeDirectoryEndpointUrl", login));
    return new AzureEnvironment(endpoints);
  }

  private static TokenCredential credential(AzureSettings settings, Map<String, String> env, HttpClient http) {
    // the run's environment, not the process's: the same lookups EnvironmentCredential does
    ConfigurationSource none = path -> Map.of();
    ConfigurationSource variables = path -> env;
    Configuration configuration = new ConfigurationBuilder(none, none, variables).build();
    DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder()
        .configuration(configuration)
        .httpClient(http);
    settings.tenantId().ifPresent(builder::tenantId);
    settings.authorityHost().ifPresent(host -> {
      // a private cloud's authority is not in Entra's public instance list
      builder.authorityHost(host);
      builder.disableInstanceDiscovery();
    });
    // the SDK's default waits out 3 retries on every token request; one outage then cost minutes
    builder.retryOptions(new com.azure.core.http.policy.RetryOptions(
        new com.azure.core.http.policy.ExponentialBackoffOptions().setMaxRetries(2)
            .setBaseDelay(java.time.Duration.ofSeconds(1)).setMaxDelay(java.time.Duration.ofSeconds(4))));
    TokenCredential credential = builder.build();
    if (!SignInGuard.clientCredentialsSet(env)) {
      return credential;
    }
    String tenant = settings.tenantId().orElse(env.get("AZURE_TENANT_ID"));
    String authority = settings.authorityHost().or(() -> Optional.ofNullable(env.get("AZURE_AUTHORITY_HOST")))
        .orElse(AzureEnvironment.AZURE.getActiveDirectoryEndpoint());
    return new SignInGuard(credential, SignInGuard.tokenEndpoint(authority, tenant));
  }

  private static SSLContext trusting(java.nio.file.Path caFile) {
    try (InputStream in = Files.newInputStream(caFile)) {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("ca-" + i++, certificate);
      }
      if (i == 0) {
        throw new PullplanException("ca_file " + caFile + " holds no PEM certificate");
      }
      addDefaultAuthorities(trust);
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new PullplanException("cannot read ca_file " + caFile + ": " + e.getMessage(), e);
    }
  }

  /** An extra CA adds to the JDK's authorities: the public Entra login must keep working. */
  private static void addDefaultAuthorities(KeyStore trust) throws GeneralSecurityException {
    TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    defaults.init((KeyStore) null);
    int i = 0;
    for (javax.net.ssl.TrustManager tm : defaults.getTrustManagers()) {
      if (tm instanceof javax.net.ssl.X509TrustManager x509) {
        for (X509Certificate ca : x509.getAcceptedIssuers()) {
          trust.setCertificateEntry("jdk-" + i++, ca);
        }
      }
    }
  }
}
