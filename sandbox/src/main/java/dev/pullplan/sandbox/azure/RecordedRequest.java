package dev.pullplan.sandbox.azure;

import java.time.Instant;
import java.util.Optional;

/**
 * One request the sandbox answered. Carries no body and no query other than the api-version, so
 * no secret can reach the log.
 *
 * @param api which host answered
 * @param method HTTP method
 * @param path the path with double slashes collapsed, without query
 * @param apiVersion the {@code api-version} query parameter, when sent
 * @param status the status answered, {@link #CONNECTION_RESET} when the connection was dropped instead
 * @param time when it was answered (world clock)
 */
public record RecordedRequest(Api api, String method, String path, Optional<String> apiVersion, int status,
    Instant time) {

  /** The status recorded for a request answered by dropping the connection (no status line). */
  public static final int CONNECTION_RESET = 0;

  /** {@code "PUT /subscriptions/…/roleAssignments/x -> 201"}, handy in assertions and failure messages. */
  public String line() {
    return method + " " + path + " -> " + status;
  }
}
