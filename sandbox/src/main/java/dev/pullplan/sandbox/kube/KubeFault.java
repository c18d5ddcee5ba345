package dev.pullplan.sandbox.kube;

import java.util.Locale;

/**
 * An API error the sandbox answers instead of serving a request: how tests see RBAC refusals
 * (403), expired credentials (401) or a failing API server (500) that the CRUD mock never produces.
 *
 * @param method HTTP method, e.g. {@code GET}
 * @param pathPrefix the request path up to, not including, the query, e.g. {@code /api/v1/secrets}
 */
public record KubeFault(String method, String pathPrefix, int status, String reason) {

  public static KubeFault forbidden(String method, String pathPrefix) {
    return new KubeFault(method, pathPrefix, 403, "Forbidden");
  }

  public static KubeFault unauthorized(String method, String pathPrefix) {
    return new KubeFault(method, pathPrefix, 401, "Unauthorized");
  }

  boolean matches(String requestMethod, String requestPath) {
    int query = requestPath.indexOf('?');
    String path = query < 0 ? requestPath : requestPath.substring(0, query);
    return method.equalsIgnoreCase(requestMethod) && path.equals(pathPrefix);
  }

  /** The message of the {@code Status} a real API server sends with this code. */
  String message() {
    return status == 403
        ? "the request is forbidden by the sandbox's injected RBAC rule"
        : reason.toLowerCase(Locale.ROOT);
  }
}
