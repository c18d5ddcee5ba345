package dev.pullplan.sandbox.kube;

import dev.pullplan.sandbox.faults.Fault;
import io.fabric8.mockwebserver.http.MockResponse;

/** How the sandbox's API server answers a random fault that is not a slow answer. */
final class InjectedFaults {
  private InjectedFaults() {}

  static MockResponse answer(Fault fault, String request) {
    if (fault instanceof Fault.Status s) {
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
    // the mock server cannot drop a connection: announce a long body, send a byte of it and close,
    // which a client reads as the connection breaking mid-answer (the request was not served)
    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
        .setHeader("Content-Length", "65536").setHeader("Connection", "close").setBody("{");
  }
}
