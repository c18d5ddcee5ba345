package dev.pullplan.sandbox.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullplan.sandbox.azure.RegistryTokenSigner.Access;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * ACR's token server, which the sandbox's real registry names as its token realm: {@code GET
 * /oauth2/token} with Basic credentials, {@code POST /oauth2/exchange} (an Entra access token for a
 * refresh token) and {@code POST /oauth2/token} (a refresh token for an access token). A login
 * whose password is right gets a token; the token grants {@code pull} only on repositories the
 * login may pull ({@link AzureWorld#mayPull}), as ACR and distribution's token servers do: less
 * access than asked for is a token with fewer actions, not an error.
 */
final class RegistryTokenRoutes {

  /** ACR's refresh tokens live three hours. */
  static final Duration REFRESH_LIFETIME = Duration.ofHours(3);
  private static final String REFRESH_USER = "00000000-0000-0000-0000-000000000000";

  private record Refresh(String registryName, String appId, Instant expires) {
  }

  private final AzureWorld world;
  private final AccessTokens entraTokens;
  private final RegistryTokenSigner signer;
  private final Map<String, Refresh> refreshTokens = new HashMap<>();

  RegistryTokenRoutes(AzureWorld world, AccessTokens entraTokens, RegistryTokenSigner signer) {
    this.world = world;
    this.entraTokens = entraTokens;
    this.signer = signer;
  }

  void register(Router router) {
    router.on("GET", "/oauth2/token", this::tokenByBasic);
    router.on("POST", "/oauth2/token", this::tokenByRefresh);
    router.on("POST", "/oauth2/exchange", this::exchange);
  }

  private Reply tokenByBasic(HttpCall call, Matcher m) {
    RegistryState registry = registry(call.query("service"));
    String[] login = basic(call).orElseThrow(() -> unauthorized("authentication required"));
    RegistryIdentity who = identity(registry, login[0], login[1])
        .orElseThrow(() -> unauthorized("authentication required, incorrect username or password"));
    String token = signer.sign(registry.loginServer(), who.subject(), grant(registry, who, call.query("scope")));
    ObjectNode body = Json.object().put("token", token).put("access_token", token)
        .put("expires_in", RegistryTokenSigner.LIFETIME.toSeconds()).put("issued_at", Instant.now().toString());
    return Reply.ok(body);
  }

  private Reply tokenByRefresh(HttpCall call, Matcher m) {
    Map<String, String> form = call.form();
    if (!"refresh_token".equals(form.get("grant_type"))) {
      throw new ApiException(400, "UNSUPPORTED", "grant_type must be refresh_token");
    }
    RegistryState registry = registry(Optional.ofNullable(form.get("service")));
    RegistryIdentity who = refreshed(registry, form.getOrDefault("refresh_token", ""))
        .orElseThrow(() -> unauthorized("the refresh token is invalid or expired"));
    String token = signer.sign(registry.loginServer(), who.subject(),
        grant(registry, who, Optional.ofNullable(form.get("scope"))));
    return Reply.ok(Json.object().put("access_token", token));
  }

  private Reply exchange(HttpCall call, Matcher m) {
    Map<String, String> form = call.form();
    if (!"access_token".equals(form.get("grant_type"))) {
      throw new ApiException(400, "UNSUPPORTED", "grant_type must be access_token");
    }
    RegistryState registry = registry(Optional.ofNullable(form.get("service")));
    String appId = entraTokens.appIdOf(form.getOrDefault("access_token", ""), Api.ARM, world.now())
        .filter(id -> world.principalByAppId(id).isPresent())
        .orElseThrow(() -> unauthorized("the Entra access token is invalid or expired"));
    String refresh = IssuedSecrets.issued("sandbox-acr-refresh." + Secret.newValue() + Secret.newValue());
    refreshTokens.put(Secret.fingerprint(refresh), new Refresh(registry.name(), appId,
        world.now().plus(REFRESH_LIFETIME)));
    return Reply.ok(Json.object().put("refresh_token", refresh));
  }

  /** A password, or a refresh token as the password of ACR's all-zero user. */
  private Optional<RegistryIdentity> identity(RegistryState registry, String username, String password) {
    if (username.equals(REFRESH_USER)) {
      return refreshed(registry, password);
    }
    return world.registryIdentity(registry, username, password);
  }

  private Optional<RegistryIdentity> refreshed(RegistryState registry, String refreshToken) {
    return Optional.ofNullable(refreshTokens.get(Secret.fingerprint(refreshToken)))
        .filter(r -> r.registryName().equalsIgnoreCase(registry.name()) && world.now().isBefore(r.expires()))
        .flatMap(r -> world.principalByAppId(r.appId()));
  }

  /** {@code repository:edge/sim:pull,push} (several space-separated) → the actions this login gets. */
  private List<Access> grant(RegistryState registry, RegistryIdentity who, Optional<String> scopes) {
    List<Access> granted = new ArrayList<>();
    for (String scope : scopes.map(s -> s.trim().split("\\s+")).orElse(new String[0])) {
      String[] parts = scope.split(":");
      if (parts.length < 3 || !parts[0].equals("repository")) {
        continue;
      }
      String repository = String.join(":", Arrays.asList(parts).subList(1, parts.length - 1));
      List<String> actions = Arrays.stream(parts[parts.length - 1].split(","))
          .filter(a -> a.equals("pull") && world.mayPull(registry, who, Optional.of(repository))).toList();
      granted.add(new Access("repository", repository, actions));
    }
    return granted;
  }

  private RegistryState registry(Optional<String> service) {
    String name = service.orElseThrow(() -> new ApiException(400, "UNSUPPORTED", "the service parameter is missing"));
    return world.registryByLoginServer(name)
        .orElseThrow(() -> unauthorized("service " + name + " is not a registry of this token server"));
  }

  private static Optional<String[]> basic(HttpCall call) {
    return call.header("Authorization").filter(h -> h.regionMatches(true, 0, "Basic ", 0, 6)).flatMap(h -> {
      try {
        String decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? Optional.empty()
            : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    });
  }

  private static ApiException unauthorized(String message) {
    return new ApiException(401, "UNAUTHORIZED", message
        + ", visit https://aka.ms/acr/authorization for more information.");
  }
}
