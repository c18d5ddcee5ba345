package dev.pullplan.sandbox.azure;

import dev.pullplan.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Wire details the SDK hides: status codes, envelopes, headers, links, time. */
class AzureSandboxRestTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACR_PULL = "7f951dda-4ed3-4680-a7ca-43fe172d538d";

  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private AzureSandbox sandbox;
  private HttpClient http;

  private record Answer(int status, JsonNode body, HttpResponse<String> raw) {
  }

  @BeforeEach
  void start() {
    AzureSeed seed = AzureSeed.defaults("kubeconfig")
        .withResourceGroup("rg-partner")
        .withRegistry(new AzureSeed.Registry("rg-partner", "partneracr", "northeurope", "Premium", true))
        .withCluster(new AzureSeed.Cluster("rg-partner", "aks-legacy", "northeurope",
            new AzureSeed.ClusterServicePrincipal("6d0a4f3e-0000-4000-8000-0000000000aa",
                "9e8d7c6b-0000-4000-8000-0000000000bb"), "legacy kubeconfig"));
    sandbox = AzureSandbox.start(seed, SandboxOptions.defaults().withClock(clock).withPageSize(1).withLroPolls(0));
    http = HttpClient.newBuilder().sslContext(sandbox.clientTls()).build();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private String token(String endpoint) throws IOException, InterruptedException {
    String form = "grant_type=client_credentials&client_id=" + sandbox.clientId() + "&client_secret="
        + URLEncoder.encode(sandbox.clientSecret(), StandardCharsets.UTF_8) + "&scope="
        + URLEncoder.encode(endpoint + "/.default openid profile offline_access", StandardCharsets.UTF_8);
    return send("POST", sandbox.authorityHost() + sandbox.tenantId() + "/oauth2/v2.0/token", null, form)
        .body().path("access_token").asText();
  }

  private Answer arm(String method, String path, String body) throws IOException, InterruptedException {
    return send(method, sandbox.armEndpoint() + path, token(sandbox.armEndpoint()), body);
  }

  private Answer graph(String method, String path, String body) throws IOException, InterruptedException {
    return send(method, sandbox.graphEndpoint() + path, token(sandbox.graphEndpoint()), body);
  }

  private Answer send(String method, String url, String bearer, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    if (body != null) {
      request.header("Content-Type", body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded");
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    return new Answer(response.statusCode(), json, response);
  }

  private String registryId(String rg, String name) {
    return "/subscriptions/" + sandbox.subscriptionId() + "/resourceGroups/" + rg
        + "/providers/Microsoft.ContainerRegistry/registries/" + name;
  }

  private String assignmentBody(String principalId) {
    return "{\"properties\":{\"roleDefinitionId\":\"/subscriptions/" + sandbox.subscriptionId()
        + "/providers/Microsoft.Authorization/roleDefinitions/" + ACR_PULL + "\",\"principalId\":\"" + principalId
        + "\",\"principalType\":\"ServicePrincipal\"}}";
  }

  private JsonNode newServicePrincipal(String name) throws IOException, InterruptedException {
    JsonNode app = graph("POST", "v1.0/applications", "{\"displayName\":\"" + name + "\"}").body();
    return graph("POST", "v1.0/servicePrincipals", "{\"appId\":\"" + app.path("appId").asText() + "\"}").body();
  }

  @Test
  void armWithoutBearerIs401InTheArmEnvelopeWithRequestIds() throws Exception {
    Answer answer = send("GET", sandbox.armEndpoint() + registryId("rg-registry", "pullplandemo").substring(1)
        + "?api-version=2025-11-01", null, null);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body().path("error").path("code").asText()).isEqualTo("AuthenticationFailed");
    assertThat(answer.raw().headers().firstValue("x-ms-request-id")).isPresent();
  }

  @Test
  void aGraphTokenIsRefusedByArm() throws Exception {
    Answer answer = send("GET", sandbox.armEndpoint() + "subscriptions/" + sandbox.subscriptionId(),
        token(sandbox.graphEndpoint()), null);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body().path("error").path("code").asText()).isEqualTo("InvalidAuthenticationTokenAudience");
  }

  @Test
  void aWrongClientSecretIsInvalidClient() throws Exception {
    Answer answer = send("POST", sandbox.authorityHost() + sandbox.tenantId() + "/oauth2/v2.0/token", null,
        "grant_type=client_credentials&client_id=" + sandbox.clientId() + "&client_secret=wrong&scope="
            + URLEncoder.encode(sandbox.armEndpoint() + "/.default", StandardCharsets.UTF_8));

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body().path("error").asText()).isEqualTo("invalid_client");
  }

  @Test
  void aDoubleSlashScopeIsServed() throws Exception {
    String path = "/" + registryId("rg-registry", "pullplandemo")
        + "/providers/Microsoft.Authorization/roleAssignments?$filter=atScope()&api-version=2022-04-01";

    assertThat(arm("GET", path, null).status()).isEqualTo(200);
  }

  @Test
  void anApiVersionTheSandboxDoesNotServeIs400InvalidApiVersionParameterListingTheServedOnes() throws Exception {
    Answer answer = arm("GET", registryId("rg-registry", "pullplandemo").substring(1) + "?api-version=2099-01-01", null);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().path("error").path("code").asText()).isEqualTo("InvalidApiVersionParameter");
    assertThat(answer.body().path("error").path("message").asText())
        .isEqualTo("The api-version '2099-01-01' is invalid. The supported versions are '2025-11-01'.");
  }

  @Test
  void aCallWithoutApiVersionIs400MissingApiVersionParameter() throws Exception {
    Answer answer = arm("GET", registryId("rg-registry", "pullplandemo").substring(1), null);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().path("error").path("code").asText()).isEqualTo("MissingApiVersionParameter");
  }

  @Test
  void aRoleAssignmentOnARegistryIsCheckedAgainstAuthorizationsVersions() throws Exception {
    Answer answer = arm("GET", registryId("rg-registry", "pullplandemo").substring(1)
        + "/providers/Microsoft.Authorization/roleAssignments?api-version=2025-11-01", null);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().path("error").path("message").asText()).endsWith("supported versions are '2022-04-01'.");
  }

  private Answer putScopeMap(String name) throws Exception {
    return arm("PUT", registryId("rg-registry", "pullplandemo").substring(1) + "/scopeMaps/" + name
        + "?api-version=2025-11-01", "{\"properties\":{\"actions\":[\"repositories/edge/sim/content/read\"]}}");
  }

  @Test
  void scopeMapNamesWithUnderscoresDotsOrFewerThanFiveCharactersAreRefusedAsArmDoes() throws Exception {
    for (String name : new String[] {"edge_pull", "edge.pull", "edge", "x".repeat(51)}) {
      Answer answer = putScopeMap(name);
      assertThat(answer.status()).as(name).isEqualTo(400);
      assertThat(answer.body().path("error").path("code").asText()).isEqualTo("InvalidResourceName");
    }
    assertThat(putScopeMap("edge-pull").status()).isEqualTo(201);
  }

  @Test
  void tokenNamesFollowTheSameRule() throws Exception {
    assertThat(putScopeMap("edge-pull").status()).isEqualTo(201);
    String scopeMapId = registryId("rg-registry", "pullplandemo") + "/scopeMaps/edge-pull";
    Answer answer = arm("PUT", registryId("rg-registry", "pullplandemo").substring(1) + "/tokens/tok_1"
        + "?api-version=2025-11-01", "{\"properties\":{\"scopeMapId\":\"" + scopeMapId + "\"}}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().path("error").path("code").asText()).isEqualTo("InvalidResourceName");
  }

  @Test
  void aRequestTheSandboxDoesNotKnowIsRefusedLoudly() throws Exception {
    Answer answer = arm("GET", "subscriptions/" + sandbox.subscriptionId()
        + "/providers/Microsoft.Storage/storageAccounts?api-version=1", null);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().path("error").path("code").asText()).isEqualTo("SandboxUnsupportedRequest");
  }

  @Test
  void rePuttingTheSameAssignmentIs409AndChangingItIs400() throws Exception {
    String principal = newServicePrincipal("same-name").path("id").asText();
    String other = newServicePrincipal("other").path("id").asText();
    String name = UUID.randomUUID().toString();
    String path = registryId("rg-registry", "pullplandemo").substring(1)
        + "/providers/Microsoft.Authorization/roleAssignments/" + name + "?api-version=2022-04-01";

    assertThat(arm("PUT", path, assignmentBody(principal)).status()).isEqualTo(201);
    Answer again = arm("PUT", path, assignmentBody(principal));
    Answer changed = arm("PUT", path, assignmentBody(other));

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().path("error").path("message").asText()).contains(name.replace("-", ""));
    assertThat(changed.status()).isEqualTo(400);
    assertThat(changed.body().path("error").path("code").asText()).isEqualTo("RoleAssignmentUpdateNotPermitted");
  }

  @Test
  void listsLinkToTheNextPageWithAnAbsoluteHttpsUrl() throws Exception {
    Answer first = arm("GET", "subscriptions/" + sandbox.subscriptionId()
        + "/providers/Microsoft.ContainerRegistry/registries?api-version=2025-11-01", null);

    String next = first.body().path("nextLink").asText();
    assertThat(first.body().path("value")).hasSize(1);
    assertThat(next).startsWith(sandbox.armEndpoint()).contains("api-version=2025-11-01");
    Answer second = send("GET", next, token(sandbox.armEndpoint()), null);
    assertThat(second.body().path("value").get(0).path("name").asText()).isEqualTo("partneracr");
    assertThat(second.body().has("nextLink")).isFalse();
  }

  @Test
  void aTagFilteredApplicationListPagesThroughOdataNextLinkKeepingTheFilter() throws Exception {
    for (String tags : List.of("[\"pullplan:stack=a\"]", "[\"pullplan:stack=b\"]", "[\"PULLPLAN:stack=A\"]")) {
      graph("POST", "v1.0/applications", "{\"displayName\":\"app\",\"tags\":" + tags + "}");
    }

    Answer first = graph("GET", "v1.0/applications?$filter="
        + URLEncoder.encode("tags/any(t:t eq 'pullplan:stack=a')", StandardCharsets.UTF_8).replace("+", "%20"), null);
    String next = first.body().path("@odata.nextLink").asText();
    Answer second = send("GET", next, token(sandbox.graphEndpoint()), null);

    assertThat(first.body().path("value")).hasSize(1);
    assertThat(next).startsWith(sandbox.graphEndpoint()).contains("$skiptoken=");
    assertThat(second.body().path("value")).singleElement()
        .satisfies(app -> assertThat(app.path("tags").get(0).asText()).isEqualTo("PULLPLAN:stack=A"));
    assertThat(second.body().has("@odata.nextLink")).isFalse();
  }

  @Test
  void aStartswithFilterOnDisplayNameIgnoresCase() throws Exception {
    for (String name : List.of("pullplan-a-one", "Pullplan-A-two", "pullplan-b-one")) {
      graph("POST", "v1.0/applications", "{\"displayName\":\"" + name + "\"}");
    }

    Answer found = graph("GET", "v1.0/applications?$top=10&$filter="
        + URLEncoder.encode("startswith(displayName,'pullplan-a-')", StandardCharsets.UTF_8).replace("+", "%20"), null);

    assertThat(found.body().path("value")).extracting(app -> app.path("displayName").asText())
        .containsExactlyInAnyOrder("pullplan-a-one", "Pullplan-A-two");
  }

  @Test
  void adminCredentialsAreRefusedWhileTheAdminUserIsDisabled() throws Exception {
    Answer disabled = arm("POST", registryId("rg-registry", "pullplandemo").substring(1)
        + "/listCredentials?api-version=2025-11-01", "{}");
    Answer enabled = arm("POST", registryId("rg-partner", "partneracr").substring(1)
        + "/listCredentials?api-version=2025-11-01", "{}");

    assertThat(disabled.status()).isEqualTo(400);
    String password = enabled.body().path("passwords").get(0).path("value").asText();
    assertThat(sandbox.acceptsRegistryLogin("partneracr", "partneracr", password)).isTrue();
    assertThat(sandbox.acceptsRegistryLogin("pullplandemo", "partneracr", password)).isFalse();
  }

  @Test
  void aLegacyClusterNamesItsServicePrincipalWhichGraphFindsByServicePrincipalName() throws Exception {
    JsonNode cluster = arm("GET", "subscriptions/" + sandbox.subscriptionId()
        + "/resourceGroups/rg-partner/providers/Microsoft.ContainerService/managedClusters/aks-legacy"
        + "?api-version=2025-09-01", null).body();
    String appId = cluster.path("properties").path("servicePrincipalProfile").path("clientId").asText();

    JsonNode found = graph("GET", "v1.0/servicePrincipals?$filter="
        + URLEncoder.encode("servicePrincipalNames/any(c:c eq '" + appId + "')", StandardCharsets.UTF_8)
            .replace("+", "%20"), null).body();

    assertThat(appId).isEqualTo("9e8d7c6b-0000-4000-8000-0000000000bb");
    assertThat(cluster.path("properties").has("identityProfile")).isFalse();
    assertThat(found.path("value")).singleElement()
        .satisfies(sp -> assertThat(sp.path("id").asText()).isEqualTo("6d0a4f3e-0000-4000-8000-0000000000aa"));
  }

  @Test
  void aPasswordStopsWorkingWhenItExpires() throws Exception {
    JsonNode sp = newServicePrincipal("expiring");
    String appId = sp.path("appId").asText();
    String appObjectId = sandbox.applications().stream().filter(a -> a.appId().equals(appId)).findFirst()
        .orElseThrow().id();
    String secret = graph("POST", "v1.0/applications/" + appObjectId + "/addPassword",
        "{\"passwordCredential\":{\"displayName\":\"pw\",\"endDateTime\":\"2030-01-31T00:00:00Z\"}}")
        .body().path("secretText").asText();
    arm("PUT", registryId("rg-registry", "pullplandemo").substring(1) + "/providers/Microsoft.Authorization"
        + "/roleAssignments/" + UUID.randomUUID() + "?api-version=2022-04-01", assignmentBody(sp.path("id").asText()));
    assertThat(sandbox.acceptsRegistryLogin("pullplandemo", appId, secret)).isTrue();

    clock.advance(Duration.ofDays(31));

    assertThat(sandbox.acceptsRegistryLogin("pullplandemo", appId, secret)).isFalse();
  }

  @Test
  void aServicePrincipalIsYoungUntilTheReplicationDelayHasPassed() throws Exception {
    sandbox.faults().replicationDelay(Duration.ofMinutes(1));
    String principal = newServicePrincipal("young").path("id").asText();
    String body = assignmentBody(principal).replace(",\"principalType\":\"ServicePrincipal\"", "");
    String path = registryId("rg-registry", "pullplandemo").substring(1)
        + "/providers/Microsoft.Authorization/roleAssignments/%s?api-version=2022-04-01";

    assertThat(arm("PUT", path.formatted(UUID.randomUUID()), body).status()).isEqualTo(400);
    clock.advance(Duration.ofMinutes(2));
    assertThat(arm("PUT", path.formatted(UUID.randomUUID()), body).status()).isEqualTo(201);
  }

  @Test
  void deletingAnApplicationDeletesItsServicePrincipal() throws Exception {
    JsonNode sp = newServicePrincipal("doomed");
    String appObjectId = sandbox.applications().stream()
        .filter(a -> a.appId().equals(sp.path("appId").asText())).findFirst().orElseThrow().id();

    assertThat(graph("DELETE", "v1.0/applications/" + appObjectId, null).status()).isEqualTo(204);

    assertThat(graph("GET", "v1.0/servicePrincipals/" + sp.path("id").asText(), null).body()
        .path("error").path("code").asText()).isEqualTo("Request_ResourceNotFound");
  }
}
