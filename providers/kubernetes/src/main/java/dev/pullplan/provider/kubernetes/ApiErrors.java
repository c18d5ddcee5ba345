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
   * @param user the kubeconfig user whose credentials were sent: a 401 says nothing about who was refused, the client knows
   * @param headersWait how long the client waited for an answer's headers ({@link AnswerDeadline#headersWait})
   */
  public static KubernetesApiException translate(String where, String action, Optional<String> user,
      java.time.Duration headersWait, KubernetesClientException e) {
    Optional<AnswerDeadline.Stalled> stalled = AnswerDeadline.cause(e);
    if (stalled.isPresent()) {
      return new KubernetesApiException(where + ": " + action + " did not answer within "
          + stalled.get().limit().toSeconds() + "s: the API server began its answer and then sent nothing more"
          + " (a stalled connection, proxy or API server); pullplan gave up on it rather than wait forever", 0, e);
    }
    if (noHeaders(e)) {
      // fabric8 retries a request that timed out: the user waited for every try
      return new KubernetesApiException(where + ": " + action + " got no answer: the API server accepted the"
          + " connection but did not answer within " + headersWait.toSeconds() + "s (a hung API server, or a"
          + " proxy/load balancer with no backend); pullplan gave up after up to " + (Kubeconfig.RETRIES + 1)
          + " tries", 0, e);
    }
    int code = e.getCode();
    String message = switch (code) {
      case 0, -1 -> where + ": cannot reach the API server to " + action + " (" + rootCause(e) + ")";
      case 401 -> where + ": " + action + " was refused: the credentials"
          + user.map(u -> " of kubeconfig user \"" + u + "\"").orElse("") + " are invalid or expired"
          + " (401 Unauthorized" + serverMessage(e).map(m -> ": " + m).orElse("") + "); renew them (log in again,"
          + " or az aks get-credentials; for an AKS cluster with Entra ID, the identity pullplan signs in to Azure"
          + " with must get a token for the AKS server application) and retry";
      case 403 -> where + ": " + action + " is forbidden: " + refusal(serverMessage(e));
      case 404 -> where + ": " + action + ": not found" + serverMessage(e).map(m -> " (" + m + ")").orElse("");
      case 409 -> where + ": " + action + ": conflict (the object changed, or already exists)";
      default -> where + ": " + action + " failed with HTTP " + code + serverMessage(e).map(m -> ": " + m).orElse("");
    };
    return new KubernetesApiException(message, code, e);
  }

  /** Kubernetes RBAC's refusal: {@code User "X" cannot create resource "secrets" in API group "" in the namespace "apps"}. */
  private static final java.util.regex.Pattern RBAC = java.util.regex.Pattern.compile(
      "User \"([^\"]*)\" cannot (\\S+) resource \"([^\"]+)\" in API group \"([^\"]*)\"(?: in the namespace \"([^\"]+)\")?");

  /**
   * Who was refused what, from the API server's own message: the user (for an AKS cluster with
   * Entra ID, the object id of the identity pullplan signed in with), the verb and the resource,
   * and the kubectl line that checks a fix.
   */
  static String refusal(Optional<String> server) {
    java.util.regex.Matcher m = server.map(RBAC::matcher).filter(java.util.regex.Matcher::find).orElse(null);
    if (m == null) {
      return "Kubernetes RBAC refused the user of this kubeconfig (403 Forbidden"
          + server.map(text -> ": " + text).orElse("") + "); grant it a Role or ClusterRole that allows it";
    }
    String user = m.group(1);
    String verb = m.group(2);
    String resource = m.group(3) + (m.group(4).isEmpty() ? "" : "." + m.group(4));
    Optional<String> namespace = Optional.ofNullable(m.group(5));
    String where = namespace.map(ns -> " in namespace \"" + ns + "\"").orElse(" at the cluster scope");
    return "Kubernetes RBAC does not let user \"" + user + "\" " + verb + " " + resource + where
        + " (403 Forbidden). Grant that user (for an AKS cluster with Entra ID: the object id of the identity"
        + " pullplan signs in to Azure with) a " + (namespace.isPresent() ? "Role" : "ClusterRole") + " with \""
        + verb + "\" on " + resource + ", e.g. through an Azure Kubernetes Service RBAC role assignment or a"
        + " RoleBinding; check with: kubectl auth can-i " + verb + " " + resource
        + namespace.map(ns -> " -n " + ns).orElse("") + " --as " + user;
  }

  /**
   * The client's request timeout ended the wait for the status line and headers: the connection
   * was made (a connect that timed out is {@link java.net.http.HttpConnectTimeoutException}).
   */
  private static boolean noHeaders(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.net.http.HttpConnectTimeoutException) {
        return false;
      }
      if (t instanceof java.net.http.HttpTimeoutException) {
        return true;
      }
    }
    return false;
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
