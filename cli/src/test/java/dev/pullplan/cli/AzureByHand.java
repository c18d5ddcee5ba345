package dev.pullplan.cli;

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
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What an administrator does in the portal or with {@code az}, through the sandbox's public ARM
 * API (HTTPS with its CA): the changes pullplan did not make and must notice.
 */
final class AzureByHand {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AzureSandbox sandbox;
  private final HttpClient http;

  AzureByHand(AzureSandbox sandbox) {
    this.sandbox = sandbox;
    this.http = HttpClient.newBuilder().sslContext(trusting(sandbox.caPem())).build();
  }

  /** {@code az acr token credential delete --password1 --password2}: the token keeps no password. */
  void revokeTokenPasswords(String resourceGroup, String registry, String token) {
    arm("PATCH", "subscriptions/" + sandbox.subscriptionId() + "/resourceGroups/" + resourceGroup
        + "/providers/Microsoft.ContainerRegistry/registries/" + registry + "/tokens/" + token
        + "?api-version=2025-11-01", "{\"properties\":{\"credentials\":{\"passwords\":[]}}}");
  }

  private JsonNode arm(String method, String path, String body) {
    String form = "grant_type=client_credentials&client_id=" + sandbox.clientId() + "&client_secret="
        + URLEncoder.encode(sandbox.clientSecret(), StandardCharsets.UTF_8) + "&scope="
        + URLEncoder.encode(sandbox.armEndpoint() + "/.default", StandardCharsets.UTF_8);
    String token = send("POST", sandbox.authorityHost() + sandbox.tenantId() + "/oauth2/v2.0/token", null, form)
        .path("access_token").asText();
    return send(method, sandbox.armEndpoint() + path, token, body);
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
        throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + " " + response.body());
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
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      store.setCertificateEntry("sandbox", CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII))));
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      return ssl;
    } catch (Exception e) {
      throw new IllegalStateException("cannot trust the sandbox CA", e);
    }
  }
}
