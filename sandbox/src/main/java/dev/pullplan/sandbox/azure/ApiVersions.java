package dev.pullplan.sandbox.azure;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code api-version}s the sandbox's ARM serves, per resource provider, and ARM's 400 for any
 * other: a client that regresses to a version the sandbox has not been checked against is caught
 * here instead of passing silently.
 *
 * <p>The versions are the ones the pinned SDK managers send (read from their generated clients:
 * containerregistry 2.54.1, containerservice 2.56.1, authorization 2.53.9, resources 2.54.1). Real
 * ARM serves many more; add one here only after checking the sandbox's shapes against its spec.
 */
final class ApiVersions {

  private static final Map<String, List<String>> SERVED = Map.of(
      "microsoft.containerregistry", List.of("2025-11-01"),
      "microsoft.containerservice", List.of("2025-09-01"),
      "microsoft.authorization", List.of("2022-04-01"),
      // subscriptions, resource groups
      "microsoft.resources", List.of("2025-04-01", "2022-12-01"));

  // the last provider segment names the provider: a role assignment on a registry is Authorization's
  private static final Pattern PROVIDER = Pattern.compile("(?i)/providers/([^/]+)");

  private ApiVersions() {}

  /** Throws ARM's 400 when the call's api-version is missing or not served for its provider. */
  static void require(HttpCall call) {
    List<String> served = SERVED.get(provider(call.path()));
    if (served == null) {
      return; // a provider the sandbox does not model: the router refuses the call itself
    }
    Optional<String> sent = call.query("api-version");
    if (sent.isEmpty()) {
      throw ApiException.badRequest("MissingApiVersionParameter",
          "The api-version query parameter (?api-version=) is required for all requests.");
    }
    if (!served.contains(sent.get())) {
      throw ApiException.badRequest("InvalidApiVersionParameter",
          "The api-version '" + sent.get() + "' is invalid. The supported versions are '"
              + String.join(",", served) + "'.");
    }
  }

  static String provider(String path) {
    Matcher m = PROVIDER.matcher(path);
    String last = "Microsoft.Resources";
    while (m.find()) {
      last = m.group(1);
    }
    return last.toLowerCase(Locale.ROOT);
  }
}
