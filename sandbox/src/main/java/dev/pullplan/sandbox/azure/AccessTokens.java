package dev.pullplan.sandbox.azure;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The bearer tokens the token endpoint issued, by digest, each for one audience: a Graph token is
 * refused by ARM and the other way round, as in Azure.
 */
final class AccessTokens {

  static final Duration LIFETIME = Duration.ofHours(1);

  private record Grant(Api audience, String appId, Instant expires) {
  }

  private final Map<String, Grant> grants = new HashMap<>();
  /** How long tokens issued from now on live: shortened by tests that prove a client refreshes. */
  private volatile Duration lifetime = LIFETIME;

  Duration lifetime() {
    return lifetime;
  }

  void lifetime(Duration value) {
    if (value.compareTo(Duration.ofSeconds(2)) < 0) {
      throw new IllegalArgumentException("a token lifetime under 2 s leaves the client no time to use it");
    }
    lifetime = value;
  }

  String issue(Api audience, String appId, Instant now) {
    String token = IssuedSecrets.issued("sandbox." + Secret.newValue() + Secret.newValue());
    grants.put(Secret.fingerprint(token), new Grant(audience, appId, now.plus(lifetime)));
    return token;
  }

  /**
   * The application a live token for {@code audience} was issued to: what ACR's
   * {@code /oauth2/exchange} reads from an Entra token.
   */
  Optional<String> appIdOf(String token, Api audience, Instant now) {
    return Optional.ofNullable(grants.get(Secret.fingerprint(token)))
        .filter(g -> g.audience() == audience && now.isBefore(g.expires())).map(Grant::appId);
  }

  /** 401 unless the request carries a live bearer token for {@code audience}. */
  void require(HttpCall call, Api audience, Instant now) {
    Optional<String> header = call.header("Authorization");
    if (header.isEmpty() || !header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw unauthorized("AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
    }
    Grant grant = grants.get(Secret.fingerprint(header.get().substring(7).trim()));
    if (grant == null) {
      throw unauthorized("InvalidAuthenticationToken", "The access token is invalid.");
    }
    if (!now.isBefore(grant.expires())) {
      throw unauthorized("ExpiredAuthenticationToken", "The access token expiry UTC time '" + grant.expires()
          + "' is earlier than current UTC time '" + now + "'.");
    }
    if (grant.audience() != audience) {
      throw unauthorized("InvalidAuthenticationTokenAudience",
          "The access token has been obtained for the wrong audience or resource (" + grant.audience() + ").");
    }
  }

  /** The appId a live token for {@code audience} was issued to; empty for any other token. */
  Optional<String> holder(String token, Api audience, Instant now) {
    return Optional.ofNullable(grants.get(Secret.fingerprint(token)))
        .filter(g -> g.audience() == audience && now.isBefore(g.expires()))
        .map(Grant::appId);
  }

  private static ApiException unauthorized(String code, String message) {
    return new ApiException(401, code, message);
  }
}
