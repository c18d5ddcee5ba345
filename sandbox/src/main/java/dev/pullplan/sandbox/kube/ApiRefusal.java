package dev.pullplan.sandbox.kube;

import io.fabric8.mockwebserver.http.MockResponse;

/** A request the API server refuses, with the Status it answers. */
final class ApiRefusal extends Exception {
  private final transient MockResponse response;

  ApiRefusal(MockResponse response) {
    super(null, null, false, false);
    this.response = response;
  }

  MockResponse response() {
    return response;
  }
}
