package dev.pullplan.provider.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;

/** Turns a fabric8 exception into one sentence a user can act on. */
public final class ApiErrors {
  private static final int MAX_SERVER_MESSAGE = 300;

  private ApiErrors() {}

  /**
   * @param where {@code cluster "partner" (context partner, https://...)}
   * @param action {@code list secrets in all namespaces}
   */
  public static KubernetesApiException translate(String where, String action, KubernetesClientException e) {
    int code = e.getCode();
    String message = switch (code) {
      case 0, -1 -> where + ": cannot reach the API server to " + action + " (" + rootCause(e) + ")";
      case 401 -> where + ": " + action + " was refused: the credentials are invalid or expired"
          + " (401 Unauthorized); renew them (log in again, or az aks get-credentials) and retry";
      case 403 -> where + ": " + action + " is forbidden for this user";
      case 404 -> where + ": " + action + ": not found" + serverMessage(e).map(m -> " (" + m + ")").orElse("");
      case 409 -> where + ": " + action + ": conflict (the object changed, or already exists)";
      default -> where + ": " + action + " failed with HTTP " + code + serverMessage(e).map(m -> ": " + m).orElse("");
    };
    return new KubernetesApiException(message, code, e);
  }

  private static Optional<String> serverMessage(KubernetesClientException e) {
    if (e.getStatus() == null || e.getStatus().getMessage() == null) {
      return Optional.empty();
    }
    String m = e.getStatus().getMessage();
    return Optional.of(m.length() > MAX_SERVER_MESSAGE ? m.substring(0, MAX_SERVER_MESSAGE) + "..." : m);
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String text = t.getMessage();
    return t.getClass().getSimpleName() + (text == null || text.isBlank() ? "" : ": " + text);
  }
}
