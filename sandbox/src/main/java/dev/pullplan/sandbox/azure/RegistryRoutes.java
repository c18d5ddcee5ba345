package dev.pullplan.sandbox.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullplan.sandbox.azure.RegistryState.ScopeMap;
import dev.pullplan.sandbox.azure.RegistryState.Token;
import dev.pullplan.sandbox.azure.RegistryState.TokenPassword;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Microsoft.ContainerRegistry: registries, admin credentials, scope maps, tokens, token passwords. */
final class RegistryRoutes {

  private static final String NAMESPACE = "Microsoft.ContainerRegistry";
  private static final Pattern ACTION = Pattern.compile(
      "repositories/[^*]+/(content|metadata)/(read|write|delete)|repositories/\\*/(content|metadata)/(read|write|delete)"
          + "|gateway/[^/]+/(config|message)/(read|write)");
  private static final List<String> PASSWORD_NAMES = List.of("password1", "password2");

  private final AzureWorld world;
  private final SandboxOptions options;

  RegistryRoutes(AzureWorld world, SandboxOptions options) {
    this.world = world;
    this.options = options;
  }

  void register(Router router) {
    router.on("GET", ArmPaths.SUB + ArmPaths.REGISTRIES, (call, m) -> {
      world.requireSubscription(m.group("sub"));
      return list(call, world.registries().stream().map(this::render).toList());
    });
    router.on("GET", ArmPaths.RG + ArmPaths.REGISTRIES, (call, m) -> {
      String rg = world.requireResourceGroup(m.group("sub"), m.group("rg"));
      return list(call, world.registries().stream()
          .filter(r -> r.seed().resourceGroup().equalsIgnoreCase(rg)).map(this::render).toList());
    });
    router.on("GET", ArmPaths.REGISTRY, (call, m) -> Reply.ok(render(registry(m))));
    router.on("PATCH", ArmPaths.REGISTRY, this::patchRegistry);
    router.on("POST", ArmPaths.REGISTRY + "/listCredentials", (call, m) -> listCredentials(registry(m)));
    router.on("POST", ArmPaths.REGISTRY + "/generateCredentials", this::generateCredentials);

    router.on("GET", ArmPaths.REGISTRY + "/scopeMaps", (call, m) ->
        list(call, registry(m).scopeMaps().stream().map(this::render).toList()));
    router.on("GET", ArmPaths.REGISTRY + "/scopeMaps/(?<name>[^/]+)", (call, m) ->
        Reply.ok(render(scopeMap(registry(m), m.group("name")))));
    router.on("PUT", ArmPaths.REGISTRY + "/scopeMaps/(?<name>[^/]+)", this::putScopeMap);
    router.on("PATCH", ArmPaths.REGISTRY + "/scopeMaps/(?<name>[^/]+)", this::patchScopeMap);
    router.on("DELETE", ArmPaths.REGISTRY + "/scopeMaps/(?<name>[^/]+)", this::deleteScopeMap);

    router.on("GET", ArmPaths.REGISTRY + "/tokens", (call, m) ->
        list(call, registry(m).tokens().stream().map(this::render).toList()));
    router.on("GET", ArmPaths.REGISTRY + "/tokens/(?<name>[^/]+)", (call, m) ->
        Reply.ok(render(token(registry(m), m.group("name")))));
    router.on("PUT", ArmPaths.REGISTRY + "/tokens/(?<name>[^/]+)", this::putToken);
    router.on("PATCH", ArmPaths.REGISTRY + "/tokens/(?<name>[^/]+)", this::patchToken);
    router.on("DELETE", ArmPaths.REGISTRY + "/tokens/(?<name>[^/]+)", this::deleteToken);
  }

  private RegistryState registry(Matcher m) {
    return world.requireRegistry(m.group("sub"), m.group("rg"), m.group("reg"));
  }

  private Reply list(HttpCall call, List<ObjectNode> items) {
    return Reply.ok(Pages.page(call, items, options.pageSize(), "nextLink"));
  }

  private String operations(RegistryState registry) {
    return ArmPaths.operationsPath(world.subscriptionId(), NAMESPACE, registry.seed().location());
  }

  private ObjectNode render(RegistryState r) {
    ObjectNode node = Json.object();
    node.put("id", r.id());
    node.put("name", r.name());
    node.put("type", RegistryState.TYPE);
    node.put("location", r.seed().location());
    node.putObject("tags");
    node.putObject("sku").put("name", r.seed().sku()).put("tier", r.seed().sku());
    ObjectNode props = node.putObject("properties");
    props.put("loginServer", r.loginServer());
    props.put("creationDate", r.created().toString());
    props.put("provisioningState", "Succeeded");
    props.put("adminUserEnabled", r.seed().adminUserEnabled());
    props.put("publicNetworkAccess", "Enabled");
    props.put("networkRuleBypassOptions", "AzureServices");
    props.put("zoneRedundancy", "Disabled");
    props.put("anonymousPullEnabled", false);
    props.put("dataEndpointEnabled", false);
    props.put("roleAssignmentMode", r.roleAssignmentMode().wire);
    return node;
  }

  /**
   * {@code az acr update --role-assignment-mode rbac-abac|rbac} sends
   * {@code {"properties":{"roleAssignmentMode":"AbacRepositoryPermissions"}}}; the other registry
   * properties are not modelled and are refused rather than silently ignored.
   */
  private Reply patchRegistry(HttpCall call, Matcher m) {
    RegistryState r = registry(m);
    JsonNode props = call.json().path("properties");
    java.util.Iterator<String> names = props.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!name.equals("roleAssignmentMode")) {
        throw ApiException.badRequest("SandboxUnsupportedRequest",
            "The sandbox models only properties.roleAssignmentMode on a registry PATCH, not " + name + ".");
      }
    }
    Optional<String> mode = Json.text(props, "roleAssignmentMode");
    if (mode.isPresent()) {
      r.roleAssignmentMode(RegistryState.RoleAssignmentMode.parse(mode.get()).orElseThrow(() ->
          ApiException.badRequest("InvalidParameter", "The value '" + mode.get() + "' is not valid for"
              + " roleAssignmentMode. Allowed values: LegacyRegistryPermissions, AbacRepositoryPermissions.")));
    }
    return world.operations().accepted(call, options, Reply.ok(render(r)), operations(r));
  }

  private Reply listCredentials(RegistryState r) {
    if (!r.seed().adminUserEnabled()) {
      throw ApiException.badRequest("AdminUserDisabled",
          "Cannot perform credential operations for " + r.id() + " as admin user is disabled."
              + " Kindly enable admin user as per docs: https://docs.microsoft.com/azure/container-registry/container-registry-authentication#admin-account");
    }
    ObjectNode body = Json.object().put("username", r.name());
    ArrayNode passwords = body.putArray("passwords");
    for (int i = 0; i < r.adminPasswords().size(); i++) {
      passwords.addObject().put("name", i == 0 ? "password" : "password2").put("value", r.adminPasswords().get(i));
    }
    return Reply.ok(body);
  }

  // ---- scope maps

  private ScopeMap scopeMap(RegistryState r, String name) {
    return r.scopeMap(name).orElseThrow(() -> notFound("scopeMaps", name, r));
  }

  private ObjectNode render(ScopeMap s) {
    ObjectNode node = Json.object();
    node.put("id", s.id());
    node.put("name", s.name());
    node.put("type", RegistryState.TYPE + "/scopeMaps");
    ObjectNode props = node.putObject("properties");
    props.put("description", s.description());
    props.put("type", s.type());
    props.put("creationDate", s.created().toString());
    props.put("provisioningState", "Succeeded");
    ArrayNode actions = props.putArray("actions");
    s.actions().forEach(actions::add);
    return node;
  }

  private Reply putScopeMap(HttpCall call, Matcher m) {
    RegistryState r = registry(m);
    String name = m.group("name");
    JsonNode props = call.json().path("properties");
    List<String> actions = actions(props).orElseThrow(() -> ApiException.badRequest("InvalidParameter",
        "The scope map must have at least one action."));
    Optional<String> description = Json.text(props, "description");
    Optional<ScopeMap> existing = r.scopeMap(name);
    if (existing.isPresent()) {
      requireUserDefined(existing.get());
      existing.get().update(description, Optional.of(actions));
      return world.operations().put(call, options, 200, render(existing.get()), operations(r));
    }
    RegistryNames.requireValid("scope map", name);
    ScopeMap created = r.new ScopeMap(name, "UserDefined", description.orElse(""), actions, world.now());
    r.putScopeMap(created);
    return world.operations().put(call, options, 201, render(created), operations(r));
  }

  private Reply patchScopeMap(HttpCall call, Matcher m) {
    RegistryState r = registry(m);
    ScopeMap s = scopeMap(r, m.group("name"));
    requireUserDefined(s);
    JsonNode props = call.json().path("properties");
    s.update(Json.text(props, "description"), actions(props));
    return Reply.ok(render(s));
  }

  private Reply deleteScopeMap(HttpCall call, Matcher m) {
    RegistryState r = registry(m);
    Optional<ScopeMap> s = r.scopeMap(m.group("name"));
    if (s.isEmpty()) {
      return Reply.empty(204);
    }
    requireUserDefined(s.get());
    List<String> users = r.tokens().stream().filter(t -> Scopes.same(t.scopeMapId(), s.get().id()))
        .map(Token::name).toList();
    if (!users.isEmpty()) {
      throw ApiException.badRequest("ScopeMapInUse",
          "The scope map '" + s.get().name() + "' is used by tokens " + users + " and cannot be deleted.");
    }
    r.removeScopeMap(s.get().name());
    return world.operations().accepted(call, options, Reply.empty(200), operations(r));
  }

  private static void requireUserDefined(ScopeMap s) {
    if (s.systemDefined()) {
      throw ApiException.badRequest("CannotModifySystemDefinedScopeMap",
          "The system defined scope map '" + s.name() + "' cannot be changed or deleted.");
    }
  }

  private static Optional<List<String>> actions(JsonNode props) {
    JsonNode node = props.path("actions");
    if (!node.isArray()) {
      return Optional.empty();
    }
    List<String> actions = new ArrayList<>();
    for (JsonNode action : node) {
      if (!action.isTextual() || !ACTION.matcher(action.asText()).matches()) {
        throw ApiException.badRequest("InvalidScopeMapAction",
            "The scope map action '" + action.asText() + "' is not valid.");
      }
      actions.add(action.asText());
    }
    return actions.isEmpty() ? Optional.empty() : Optional.of(actions);
  }

  // ---- tokens

  private Token token(RegistryState r, String name) {
    return r.token(name).orElseThrow(() -> notFound("tokens", name, r));
  }

  private ObjectNode render(Token t) {
    ObjectNode node = Json.object();
    node.put("id", t.id());
    node.put("name", t.name());
    node.put("type", RegistryState.TYPE + "/tokens");
    ObjectNode props = node.putObject("properties");
    props.put("creationDate", t.created().toString());
    props.put("provisioningState", "Succeeded");
    props.put("scopeMapId", t.scopeMapId());
    props.put("status", t.status());
    ObjectNode credentials = props.putObject("credentials");
    credentials.putArray("certificates");
    ArrayNode passwords = credentials.putArray("passwords");
    for (TokenPassword p : t.passwords()) {
      ObjectNode pw = passwords.addObject().put("creationTime", p.created().toString()).put("name", p.name());
      p.expiry().ifPresent(e -> pw.put("expiry", e.toString()));
    }
    return node;
  }

  private Reply putToken(HttpCall call, Matcher m) {
    RegistryState r = registry(m);
    String name = m.group("name");
    JsonNode props = call.json().path("properties");
    String scopeMapId = Json.text(props, "scopeMapId").orElseThrow(() -> ApiException.badRequest(
        "InvalidParameter", "The token must name a scope map (properties.scopeMapId)."));
    ScopeMap scopeMap = requireScopeMap(r, scopeMapId);
    String status = status(props).orElse("enabled");
    Optional<Token> existing = r.token(name);
    if (existing.isPresent()) {
      existing.get().update(Optional.of(scopeMap.id()), Optional.of(status));
      return world.operations().put(call, options, 200, render(existing.get()), operations(r));
    }
    RegistryNames.requireValid("token", name);
    Token created = r.new Token(name, scopeMap.id(), status, world.now());
    r.putToken(created);
    return world.operations().put(call, options, 201, render(created), operations(r));
  }

  private Reply patchToken(HttpCall call, Matcher m) {
    RegistryState r = registry(m);
    Token t = token(r, m.group("name"));
    JsonNode props = call.json().path("properties");
    Optional<String> scopeMapId = Json.text(props, "scopeMapId").map(id -> requireScopeMap(r, id).id());
    t.update(scopeMapId, status(props));
    JsonNode kept = props.path("credentials").path("passwords");
    if (kept.isArray()) {
      java.util.Set<String> names = new java.util.HashSet<>();
      kept.forEach(p -> Json.text(p, "name").ifPresent(n -> names.add(n.toLowerCase(java.util.Locale.ROOT))));
      t.retainPasswords(names);
    }
    return Reply.ok(render(t));
  }

  private Reply deleteToken(HttpCall call, Matcher m) {
    RegistryState r = registry(m);
    if (!r.removeToken(m.group("name"))) {
      return Reply.empty(204);
    }
    return world.operations().accepted(call, options, Reply.empty(200), operations(r));
  }

  private static ScopeMap requireScopeMap(RegistryState r, String scopeMapId) {
    return r.scopeMapById(scopeMapId).orElseThrow(() -> ApiException.badRequest("ScopeMapNotFound",
        "The scope map '" + scopeMapId + "' does not exist in registry '" + r.name() + "'."));
  }

  private static Optional<String> status(JsonNode props) {
    Optional<String> status = Json.text(props, "status");
    status.filter(s -> !s.equalsIgnoreCase("enabled") && !s.equalsIgnoreCase("disabled")).ifPresent(s -> {
      throw ApiException.badRequest("InvalidParameter", "The token status '" + s + "' is not enabled or disabled.");
    });
    return status.map(s -> s.toLowerCase(java.util.Locale.ROOT));
  }

  // ---- token passwords

  private Reply generateCredentials(HttpCall call, Matcher m) {
    RegistryState r = registry(m);
    JsonNode body = call.json();
    String tokenId = Json.text(body, "tokenId").orElseThrow(() -> ApiException.badRequest("InvalidParameter",
        "The request must name a token (tokenId)."));
    Token token = r.tokens().stream().filter(t -> Scopes.same(t.id(), tokenId)).findFirst()
        .orElseThrow(() -> ApiException.notFound("ResourceNotFound",
            "The token '" + tokenId + "' was not found in registry '" + r.name() + "'."));
    Optional<Instant> expiry = Json.text(body, "expiry").map(RegistryRoutes::instant);
    List<String> names = Json.text(body, "name").map(n -> {
      if (!PASSWORD_NAMES.contains(n.toLowerCase(java.util.Locale.ROOT))) {
        throw ApiException.badRequest("InvalidParameter", "The password name '" + n + "' is not password1 or password2.");
      }
      return List.of(n.toLowerCase(java.util.Locale.ROOT));
    }).orElse(PASSWORD_NAMES);

    ObjectNode result = Json.object().put("username", token.name());
    ArrayNode passwords = result.putArray("passwords");
    for (String name : names) {
      String value = Secret.newValue();
      TokenPassword password = new TokenPassword(name, world.now(), expiry, Secret.of(value));
      token.putPassword(password);
      ObjectNode pw = passwords.addObject().put("creationTime", password.created().toString());
      expiry.ifPresent(e -> pw.put("expiry", e.toString()));
      pw.put("name", name).put("value", value);
    }
    return world.operations().accepted(call, options, Reply.ok(result), operations(r));
  }

  private static Instant instant(String text) {
    try {
      return java.time.OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("InvalidParameter", "The expiry '" + text + "' is not a date-time.");
    }
  }

  private ApiException notFound(String collection, String name, RegistryState r) {
    return ApiException.notFound("ResourceNotFound", "The Resource '" + RegistryState.TYPE + "/" + r.name() + "/"
        + collection + "/" + name + "' under resource group '" + r.seed().resourceGroup() + "' was not found.");
  }
}
