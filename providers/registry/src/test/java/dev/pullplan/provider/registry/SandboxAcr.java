package dev.pullplan.provider.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullplan.sandbox.azure.AzureSandbox;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Makes registry credentials in the sandbox's Azure the way pullplan's Azure provider does, through
 * its public REST API (ARM and Graph, over HTTPS with the sandbox's CA): ACR tokens with scope
 * maps, service principals with or without AcrPull, and Entra access tokens.
 */
final class SandboxAcr {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACR_PULL = "7f951dda-4ed3-4680-a7ca-43fe172d538d";

  record Login(String username, String password) {
    RegistryCredential.Basic basic() {
      return new RegistryCredential.Basic(username, password);
    }
  }

  private final AzureSandbox sandbox;
  private final String registryId;
  private final HttpClient http;

  SandboxAcr(AzureSandbox sandbox, String resourceGroup, String registry) {
    this.sandbox = sandbox;
    this.registryId = "subscriptions/" + sandbox.subscriptionId() + "/resourceGroups/" + resourceGroup
        + "/providers/Microsoft.ContainerRegistry/registries/" + registry;
    this.http = HttpClient.newBuilder().sslContext(trusting(sandbox.caPem())).build();
  }

  /** An ACR token whose scope map reads {@code repositories} (patterns as ACR writes them). */
  Login token(String name, List<String> repositories) {
    String actions = repositories.stream().map(r -> "\"repositories/" + r + "/content/read\"")
        .collect(Collectors.joining(","));
    JsonNode map = arm("PUT", registryId + "/scopeMaps/" + name + "?api-version=2025-11-01",
        "{\"properties\":{\"actions\":[" + actions + "]}}");
    JsonNode token = arm("PUT", registryId + "/tokens/" + name + "?api-version=2025-11-01",
        "{\"properties\":{\"scopeMapId\":\"" + map.path("id").asText() + "\",\"status\":\"enabled\"}}");
    JsonNode credentials = arm("POST", registryId + "/generateCredentials?api-version=2025-11-01",
        "{\"tokenId\":\"" + token.path("id").asText() + "\",\"expiry\":\""
            + Instant.now().plus(30, ChronoUnit.DAYS) + "\",\"name\":\"password1\"}");
    return new Login(name, credentials.path("passwords").get(0).path("value").asText());
  }

  /** A service principal with a secret; with AcrPull on the registry when {@code pull}. */
  Login servicePrincipal(String name, boolean pull) {
    JsonNode app = graph("POST", "v1.0/applications", "{\"displayName\":\"" + name + "\"}");
    JsonNode sp = graph("POST", "v1.0/servicePrincipals", "{\"appId\":\"" + app.path("appId").asText() + "\"}");
    String secret = graph("POST", "v1.0/applications/" + app.path("id").asText() + "/addPassword",
        "{\"passwordCredential\":{\"displayName\":\"pw\"}}").path("secretText").asText();
    if (pull) {
      arm("PUT", registryId + "/providers/Microsoft.Authorization/roleAssignments/" + UUID.randomUUID()
          + "?api-version=2022-04-01", "{\"properties\":{\"roleDefinitionId\":\"/subscriptions/"
          + sandbox.subscriptionId() + "/providers/Microsoft.Authorization/roleDefinitions/" + ACR_PULL
          + "\",\"principalId\":\"" + sp.path("id").asText() + "\",\"principalType\":\"ServicePrincipal\"}}");
    }
    return new Login(app.path("appId").asText(), secret);
  }

  /** An Entra access token for ARM, as a workload identity would hold: what ACR exchanges. */
  RegistryCredential.EntraToken entraToken(Login principal) {
    return new RegistryCredential.EntraToken(sandbox.tenantId(), accessToken(principal.username(),
        principal.password(), sandbox.armEndpoint()), principal.username());
  }

  private String accessToken(String clientId, String secret, String resource) {
    String form = "grant_type=client_credentials&client_id=" + clientId + "&client_secret="
        + URLEncoder.encode(secret, StandardCharsets.UTF_8) + "&scope="
        + URLEncoder.encode(resource + "/.default", StandardCharsets.UTF_8);
    return send("POST", sandbox.authorityHost() + sandbox.tenantId() + "/oauth2/v2.0/token", null, form)
        .path("access_token").asText();
  }

  private JsonNode arm(String method, String path, String body) {
    return send(method, sandbox.armEndpoint() + path,
        accessToken(sandbox.clientId(), sandbox.clientSecret(), sandbox.armEndpoint()), body);
  }

  private JsonNode graph(String method, String path, String body) {
    return send(method, sandbox.graphEndpoint() + path,
        accessToken(sandbox.clientId(), sandbox.clientSecret(), sandbox.graphEndpoint()), body);
  }

  private JsonNode send(String method, String url, String bearer, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .method(method, HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded");
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(method + " " + url + " answered " + response.statusCode());
      }
      return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static SSLContext trusting(String caPem) {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("sandbox-ca", CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII))));
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException("cannot trust the sandbox CA", e);
    }
  }
}
