package dev.pullplan.cli;

import dev.pullplan.sandbox.azure.AzureRestClient;
import dev.pullplan.sandbox.azure.AzureSandbox;

/**
 * What an administrator does in the portal or with {@code az}, through the sandbox's public ARM
 * API: the changes pullplan did not make and must notice.
 */
final class AzureByHand {
  private final AzureRestClient rest;

  AzureByHand(AzureSandbox sandbox) {
    this.rest = new AzureRestClient(sandbox);
  }

  /** {@code az acr token credential delete --password1 --password2}: the token keeps no password. */
  void revokeTokenPasswords(String resourceGroup, String registry, String token) {
    rest.arm("PATCH", rest.registryId(resourceGroup, registry) + "/tokens/" + token + "?api-version=2025-11-01",
        "{\"properties\":{\"credentials\":{\"passwords\":[]}}}");
  }
}
