package dev.pullplan.sandbox.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * An Entra-compatible authority: the v2.0 token endpoint (client-credentials grant) and the
 * discovery documents MSAL reads.
 */
final class LoginRoutes {

  private static final Set<String> OPENID_SCOPES = Set.of("openid", "profile", "offline_access", "email");

  private final AzureWorld world;
  private final AccessTokens tokens;
  private final String armEndpoint;
  private final String graphEndpoint;

  LoginRoutes(AzureWorld world, AccessTokens tokens, String armEndpoint, String graphEndpoint) {
    this.world = world;
    this.tokens = tokens;
    this.armEndpoint = armEndpoint;
    this.graphEndpoint = graphEndpoint;
  }

  void register(Router router) {
    router.on("POST", "/(?<tenant>[^/]+)/oauth2/v2\\.0/token", this::token);
    router.on("GET", "/(?<tenant>[^/]+)/v2\\.0/\\.well-known/openid-configuration", this::openidConfiguration);
    router.on("GET", "/(?<tenant>[^/]+)/discovery/instance", this::instanceDiscovery);
  }

  private Reply token(HttpCall call, Matcher m) {
    requireTenant(m.group("tenant"));
    Map<String, String> form = call.form();
    String grantType = form.getOrDefault("grant_type", "");
    if (!grantType.equals("client_credentials")) {
      throw new ApiException(400, "unsupported_grant_type",
          "AADSTS70003: The app requested an unsupported grant type '" + grantType + "'.");
    }
    String clientId = form.getOrDefault("client_id", "");
    if (!world.authenticates(clientId, form.getOrDefault("client_secret", ""))) {
      throw new ApiException(401, "invalid_client", "AADSTS7000215: Invalid client secret provided for application '"
          + clientId + "'. Ensure the secret being sent in the request is the client secret value, not the"
          + " client secret ID.");
    }
    String scope = form.getOrDefault("scope", "");
    Api audience = audience(scope).orElseThrow(() -> new ApiException(400, "invalid_scope",
        "AADSTS500011: The resource principal named " + scope + " was not found in the tenant "
            + world.seed().tenantId() + "."));
    ObjectNode body = Json.object();
    body.put("token_type", "Bearer");
    body.put("expires_in", tokens.lifetime().toSeconds() - 1);
    body.put("ext_expires_in", tokens.lifetime().toSeconds() - 1);
    body.put("access_token", tokens.issue(audience, clientId, world.now()));
    return Reply.ok(body);
  }

  /**
   * The host a token is for. MSAL sends the resource scope ({@code <endpoint>/.default}, for ARM
   * with a double slash) together with the OpenID scopes, space-separated.
   */
  /** The AKS Entra server application, the same in every tenant: its tokens are what Entra-only clusters accept. */
  static final String AKS_SERVER_APPLICATION = "6dae42f8-4368-4678-94ff-3960e28e3630";

  private Optional<Api> audience(String scopes) {
    List<String> resources = Arrays.stream(scopes.trim().split("\\s+"))
        .filter(s -> !OPENID_SCOPES.contains(s)).toList();
    if (resources.size() != 1) {
      return Optional.empty();
    }
    String resource = strip(resources.get(0).replaceAll("(?i)/\\.default$", ""));
    if (resource.equalsIgnoreCase(strip(armEndpoint))) {
      return Optional.of(Api.ARM);
    }
    if (resource.equalsIgnoreCase(strip(graphEndpoint))) {
      return Optional.of(Api.GRAPH);
    }
    if (resource.equalsIgnoreCase(AKS_SERVER_APPLICATION)) {
      return Optional.of(Api.AKS_SERVER);
    }
    return Optional.empty();
  }

  private static String strip(String url) {
    return url.replaceAll("/+$", "");
  }

  private Reply openidConfiguration(HttpCall call, Matcher m) {
    String tenant = requireTenant(m.group("tenant"));
    String authority = call.baseUrl() + "/" + tenant;
    ObjectNode body = Json.object();
    body.put("token_endpoint", authority + "/oauth2/v2.0/token");
    body.put("authorization_endpoint", authority + "/oauth2/v2.0/authorize");
    body.put("device_authorization_endpoint", authority + "/oauth2/v2.0/devicecode");
    body.put("issuer", call.baseUrl() + "/" + world.seed().tenantId() + "/v2.0");
    body.put("jwks_uri", authority + "/discovery/v2.0/keys");
    body.putArray("token_endpoint_auth_methods_supported").add("client_secret_post").add("client_secret_basic");
    body.putArray("response_types_supported").add("code").add("id_token").add("token");
    body.putArray("scopes_supported").add("openid").add("profile").add("email").add("offline_access");
    body.put("tenant_region_scope", "EU");
    return Reply.ok(body);
  }

  private Reply instanceDiscovery(HttpCall call, Matcher m) {
    String host = call.baseUrl().substring("https://".length());
    ObjectNode body = Json.object();
    body.put("tenant_discovery_endpoint", call.baseUrl() + "/" + m.group("tenant")
        + "/v2.0/.well-known/openid-configuration");
    body.put("api-version", "1.1");
    ObjectNode metadata = body.putArray("metadata").addObject();
    metadata.put("preferred_network", host);
    metadata.put("preferred_cache", host);
    metadata.putArray("aliases").add(host);
    return Reply.ok(body);
  }

  /** The sandbox's tenant, or the multi-tenant aliases MSAL uses for discovery. */
  private String requireTenant(String tenant) {
    String t = tenant.toLowerCase(Locale.ROOT);
    if (t.equals(world.seed().tenantId().toLowerCase(Locale.ROOT)) || t.equals("common")
        || t.equals("organizations")) {
      return tenant;
    }
    throw new ApiException(400, "invalid_request", "AADSTS90002: Tenant '" + tenant + "' not found.");
  }
}
