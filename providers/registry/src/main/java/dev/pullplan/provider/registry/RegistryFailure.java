package dev.pullplan.provider.registry;

import java.time.Duration;
import java.util.Optional;

/**
 * Why a registry did not let a credential pull, as a closed set: each cause has its own fix, so
 * each has its own wording. {@link #reason()} never contains a secret.
 */
public sealed interface RegistryFailure {

  /** One sentence for people: what the registry answered and what it means. */
  String reason();

  /** A short stable word for tables and JSON ({@code unreachable}, {@code rejected}, ...). */
  String kind();

  /** DNS, connection refused, a timeout: nothing about credentials is known. */
  record Unreachable(String server, String detail) implements RegistryFailure {
    @Override
    public String reason() {
      return "registry " + server + " is unreachable (" + detail + "): a network or DNS problem, not a credential one";
    }

    @Override
    public String kind() {
      return "unreachable";
    }
  }

  /** The TLS handshake failed: an untrusted or mismatched certificate, or plain HTTP on the other side. */
  record TlsFailure(String server, String detail) implements RegistryFailure {
    @Override
    public String reason() {
      return "TLS with registry " + server + " failed (" + detail + "): trust its CA or check the address";
    }

    @Override
    public String kind() {
      return "tls";
    }
  }

  /** 401 at login: the credential is wrong, expired, revoked or not yet replicated. */
  record CredentialsRejected(String server, String who, String answer) implements RegistryFailure {
    @Override
    public String reason() {
      return "registry " + server + " rejected the credentials of " + who + " (" + answer
          + "): wrong, expired, revoked or not yet replicated";
    }

    @Override
    public String kind() {
      return "rejected";
    }
  }

  /**
   * Authenticated, but not allowed on the repository: distribution answers {@code 401
   * insufficient_scope} (or the token server grants a token without the pull action), others 403.
   */
  record NotAllowed(String server, String who, String repository, String answer) implements RegistryFailure {
    @Override
    public String reason() {
      return who + " authenticated to " + server + " but may not pull " + repository + " (" + answer
          + "): the scope map, role assignment or repository condition does not cover it";
    }

    @Override
    public String kind() {
      return "denied";
    }
  }

  /** 404: the repository or the tag/digest does not exist; the credential itself worked. */
  record ManifestUnknown(String server, String repository, String reference, String answer)
      implements RegistryFailure {
    @Override
    public String reason() {
      return "registry " + server + " has no manifest " + repository + reference + " (" + answer + ")";
    }

    @Override
    public String kind() {
      return "not_found";
    }
  }

  /** 429 or 5xx: the registry is throttling or failing; try again later. */
  record Unavailable(String server, int status, Optional<Duration> retryAfter) implements RegistryFailure {
    @Override
    public String reason() {
      return "registry " + server + " answered " + status + (status == 429 ? " (throttled)" : " (server error)")
          + retryAfter.map(d -> ", retry after " + d.toSeconds() + " s").orElse("") + ": try again later";
    }

    @Override
    public String kind() {
      return "unavailable";
    }
  }

  /** Anything else the protocol does not expect (a 400, a body that is not a token). */
  record Unexpected(String server, String detail) implements RegistryFailure {
    @Override
    public String reason() {
      return "registry " + server + " answered unexpectedly: " + detail;
    }

    @Override
    public String kind() {
      return "unexpected";
    }
  }
}
