package dev.pullplan.provider.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pullplan.sandbox.azure.AzureRestClient;
import dev.pullplan.sandbox.azure.AzureSandbox;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Makes registry credentials in the sandbox's Azure the way pullplan's Azure provider does, through
 * its public REST API (ARM and Graph, over HTTPS with the sandbox's CA): ACR tokens with scope
 * maps, service principals with or without AcrPull, and Entra access tokens.
 */
final class SandboxAcr {
  private static final String ACR_PULL = "7f951dda-4ed3-4680-a7ca-43fe172d538d";

  record Login(String username, String password) {
    RegistryCredential.Basic basic() {
      return new RegistryCredential.Basic(username, password);
    }
  }

  private final AzureSandbox sandbox;
  private final AzureRestClient rest;
  private final String registryId;

  SandboxAcr(AzureSandbox sandbox, String resourceGroup, String registry) {
    this.sandbox = sandbox;
    this.rest = new AzureRestClient(sandbox);
    this.registryId = rest.registryId(resourceGroup, registry);
  }

  /** An ACR token whose scope map reads {@code repositories} (patterns as ACR writes them). */
  Login token(String name, List<String> repositories) {
    String actions = repositories.stream().map(r -> "\"repositories/" + r + "/content/read\"")
        .collect(Collectors.joining(","));
    JsonNode map = rest.arm("PUT", registryId + "/scopeMaps/" + name + "?api-version=2025-11-01",
        "{\"properties\":{\"actions\":[" + actions + "]}}");
    JsonNode token = rest.arm("PUT", registryId + "/tokens/" + name + "?api-version=2025-11-01",
        "{\"properties\":{\"scopeMapId\":\"" + map.path("id").asText() + "\",\"status\":\"enabled\"}}");
    JsonNode credentials = rest.arm("POST", registryId + "/generateCredentials?api-version=2025-11-01",
        "{\"tokenId\":\"" + token.path("id").asText() + "\",\"expiry\":\""
            + Instant.now().plus(30, ChronoUnit.DAYS) + "\",\"name\":\"password1\"}");
    return new Login(name, credentials.path("passwords").get(0).path("value").asText());
  }

  /** A service principal with a secret; with AcrPull on the registry when {@code pull}. */
  Login servicePrincipal(String name, boolean pull) {
    JsonNode app = rest.graph("POST", "v1.0/applications", "{\"displayName\":\"" + name + "\"}");
    JsonNode sp = rest.graph("POST", "v1.0/servicePrincipals", "{\"appId\":\"" + app.path("appId").asText() + "\"}");
    String secret = rest.graph("POST", "v1.0/applications/" + app.path("id").asText() + "/addPassword",
        "{\"passwordCredential\":{\"displayName\":\"pw\"}}").path("secretText").asText();
    if (pull) {
      rest.arm("PUT", registryId + "/providers/Microsoft.Authorization/roleAssignments/" + UUID.randomUUID()
          + "?api-version=2022-04-01", "{\"properties\":{\"roleDefinitionId\":\"/subscriptions/"
          + sandbox.subscriptionId() + "/providers/Microsoft.Authorization/roleDefinitions/" + ACR_PULL
          + "\",\"principalId\":\"" + sp.path("id").asText() + "\",\"principalType\":\"ServicePrincipal\"}}");
    }
    return new Login(app.path("appId").asText(), secret);
  }

  /** An Entra access token for ARM, as a workload identity would hold: what ACR exchanges. */
  RegistryCredential.EntraToken entraToken(Login principal) {
    return new RegistryCredential.EntraToken(sandbox.tenantId(), rest.accessToken(principal.username(),
        principal.password(), sandbox.armEndpoint()), principal.username());
  }
}
