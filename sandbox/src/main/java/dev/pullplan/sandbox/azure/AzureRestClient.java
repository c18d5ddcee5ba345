package dev.pullplan.sandbox.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The sandbox's public ARM, Graph and Entra REST API as a script or {@code az} reaches it: HTTPS
 * trusting the sandbox's CA, bearer tokens by client credentials. With it a test changes the
 * sandbox's Azure the way an administrator would, outside pullplan and its SDK clients.
 */
public final class AzureRestClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AzureSandbox sandbox;
  private final HttpClient http;

  public AzureRestClient(AzureSandbox sandbox) {
    this.sandbox = sandbox;
    this.http = HttpClient.newBuilder().sslContext(sandbox.clientTls()).build();
  }

  /**
   * A call to ARM as the sandbox's own service principal: {@code path} follows the endpoint
   * (e.g. {@code subscriptions/…?api-version=…}), {@code body} is JSON or null; the answer's
   * body, an empty object if none.
   *
   * @throws IllegalStateException when ARM answers with an error
   */
  public JsonNode arm(String method, String path, String body) {
    return send(method, sandbox.armEndpoint() + path,
        accessToken(sandbox.clientId(), sandbox.clientSecret(), sandbox.armEndpoint()), body);
  }

  /** As {@link #arm}, to Microsoft Graph: {@code path} as {@code v1.0/applications}. */
  public JsonNode graph(String method, String path, String body) {
    return send(method, sandbox.graphEndpoint() + path,
        accessToken(sandbox.clientId(), sandbox.clientSecret(), sandbox.graphEndpoint()), body);
  }

  /** An Entra access token of the application {@code clientId} for {@code resource} (ARM's or Graph's endpoint). */
  public String accessToken(String clientId, String secret, String resource) {
    String form = "grant_type=client_credentials&client_id=" + clientId + "&client_secret="
        + URLEncoder.encode(secret, StandardCharsets.UTF_8) + "&scope="
        + URLEncoder.encode(resource + "/.default", StandardCharsets.UTF_8);
    return send("POST", sandbox.authorityHost() + sandbox.tenantId() + "/oauth2/v2.0/token", null, form)
        .path("access_token").asText();
  }

  /** The ARM id of a registry, without the leading slash: what {@link #arm} takes as a path. */
  public String registryId(String resourceGroup, String registry) {
    return "subscriptions/" + sandbox.subscriptionId() + "/resourceGroups/" + resourceGroup
        + "/providers/Microsoft.ContainerRegistry/registries/" + registry;
  }

  private JsonNode send(String method, String url, String bearer, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded");
    }
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        // the error envelope only: a request body may hold a secret
        throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + " "
            + response.body());
      }
      return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + url + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " " + url + " interrupted", e);
    }
  }
}
