package dev.pullplan.provider.kubernetes;

import dev.pullplan.PullplanException;

/**
 * A refused or failed Kubernetes API call, with a message that names the cluster block, the
 * context, the server and what was refused. {@link #code()} is the HTTP status (0: no answer).
 */
public final class KubernetesApiException extends PullplanException {
  private final int code;

  KubernetesApiException(String message, int code, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public int code() {
    return code;
  }

  boolean isConflict() {
    return code == 409;
  }

  boolean isForbidden() {
    return code == 403;
  }
}
