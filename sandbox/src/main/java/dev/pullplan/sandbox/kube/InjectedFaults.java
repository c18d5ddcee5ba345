package dev.pullplan.sandbox.kube;

import dev.pullplan.sandbox.faults.Fault;
import io.fabric8.mockwebserver.http.MockResponse;

/** How the sandbox's API server answers a random fault that is an error status. */
final class InjectedFaults {
  private InjectedFaults() {}

  static MockResponse answer(Fault.Status s, String request) {
    String reason = switch (s.code()) {
      case 429 -> "TooManyRequests";
      case 503 -> "ServiceUnavailable";
      default -> "InternalError";
    };
    MockResponse r = KubeStatus.failure(s.code(), reason, "injected fault (" + s.kind().spelling() + ") for "
        + request, null);
    s.retryAfterSeconds().ifPresent(seconds -> r.setHeader("Retry-After", String.valueOf(seconds)));
    return r;
  }
}
