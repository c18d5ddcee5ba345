package dev.pullplan.provider.azure;

import java.util.Optional;

/**
 * Turns a failed Azure call into a message a platform engineer can act on: which call, on what,
 * and — for a refusal — the permission and the roles that grant it. Pure, so every wording is
 * unit-tested. Never given a secret: only the operation, the scope, the status, Azure's error code
 * and Azure's own message.
 */
final class AzureFailures {
  private AzureFailures() {}

  static String message(AzureOperation operation, String scope, int status, Optional<String> code,
      Optional<String> serverMessage) {
    String what = operation.doing + " " + scope;
    String got = "(" + status + code.map(c -> " " + c).orElse("") + ")";
    return switch (status) {
      case 401 -> what + " failed: not signed in " + got
          + ": check the Azure login (AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET, workload identity,"
          + " managed identity or `az login`)";
      case 403 -> operation.graph
          ? what + " was refused by Microsoft Graph " + got + ": the identity pullplan signs in as needs the"
              + " Microsoft Graph application permission " + operation.permission + " with admin consent, or the"
              + " Entra role " + operation.roles
          : what + " was refused " + got + ": needs " + operation.permission + " on " + scope + ": "
              + operation.roles;
      case 404 -> what + " failed: not found " + got + serverMessage.map(m -> ": " + m).orElse("");
      case 429 -> what + " was throttled " + got + " and still was after retrying: run again later";
      default -> what + " failed " + got + serverMessage.map(m -> ": " + m).orElse("");
    };
  }

  /** A call that never got an answer (DNS, TLS, connection refused). */
  static String unreachable(AzureOperation operation, String scope, String cause) {
    return operation.doing + " " + scope + " failed: Azure could not be reached (" + cause
        + "); for a private cloud set endpoint/graph_endpoint/ca_file in the provider \"azure\" block";
  }

  /** DefaultAzureCredential found no way to sign in. */
  static String notSignedIn(AzureOperation operation, String scope) {
    return operation.doing + " " + scope + " failed: no Azure login found (tried environment variables,"
        + " workload identity, managed identity and the Azure CLI): set AZURE_CLIENT_ID/AZURE_TENANT_ID/"
        + "AZURE_CLIENT_SECRET or run `az login`";
  }
}
