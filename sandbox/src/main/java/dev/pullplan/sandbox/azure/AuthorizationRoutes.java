package dev.pullplan.sandbox.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullplan.sandbox.azure.Authorization.Assignment;
import dev.pullplan.sandbox.azure.Authorization.RoleDefinition;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Microsoft.Authorization: role assignments and role definitions at any scope. */
final class AuthorizationRoutes {

  private static final Pattern GUID = Pattern.compile(
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", Pattern.CASE_INSENSITIVE);
  private static final Pattern SCOPE_PARTS = Pattern.compile(
      "/subscriptions/(?<sub>[^/]+)(/resourceGroups/(?<rg>[^/]+)(/providers/(?<type>[^/]+/[^/]+)/(?<name>[^/]+).*)?)?",
      Pattern.CASE_INSENSITIVE);
  private static final Set<String> PRINCIPAL_TYPES = Set.of("user", "group", "serviceprincipal", "foreigngroup",
      "device");
  private static final Pattern AT_SCOPE = Pattern.compile("atScope\\(\\)", Pattern.CASE_INSENSITIVE);
  private static final Pattern PRINCIPAL_EQ = Pattern.compile("principalId\\s+eq\\s+'(?<id>[^']+)'",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern ASSIGNED_TO = Pattern.compile("assignedTo\\('(?<id>[^']+)'\\)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern ROLE_NAME_EQ = Pattern.compile("roleName\\s+eq\\s+'(?<name>[^']+)'",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern TYPE_EQ = Pattern.compile("type\\s+eq\\s+'(?<type>[^']+)'", Pattern.CASE_INSENSITIVE);
  private static final Pattern AND = Pattern.compile("\\s+and\\s+", Pattern.CASE_INSENSITIVE);

  private final AzureWorld world;
  private final SandboxOptions options;

  AuthorizationRoutes(AzureWorld world, SandboxOptions options) {
    this.world = world;
    this.options = options;
  }

  void register(Router router) {
    String assignments = ArmPaths.SCOPE + "/roleAssignments";
    router.on("GET", assignments, this::listAssignments);
    router.on("GET", assignments + "/(?<name>[^/]+)", (call, m) ->
        Reply.ok(render(find(scope(m), m.group("name")))));
    router.on("PUT", assignments + "/(?<name>[^/]+)", this::createAssignment);
    router.on("DELETE", assignments + "/(?<name>[^/]+)", (call, m) -> {
      String scope = scope(m);
      requireGuid(m.group("name"));
      Optional<Assignment> existing = world.authorization().find(scope, m.group("name"));
      existing.ifPresent(world.authorization()::remove);
      return existing.map(a -> Reply.ok(render(a))).orElse(Reply.empty(204));
    });
    String definitions = ArmPaths.SCOPE + "/roleDefinitions";
    router.on("GET", definitions, this::listDefinitions);
    router.on("GET", definitions + "/(?<id>[^/]+)", (call, m) -> {
      String scope = scope(m);
      RoleDefinition role = Authorization.definition(m.group("id")).orElseThrow(() -> ApiException.notFound(
          "RoleDefinitionDoesNotExist", "The specified role definition with ID '" + m.group("id")
              + "' does not exist."));
      return Reply.ok(render(role, scope));
    });
  }

  /** The scope of the path, checked to exist the way ARM checks the resource it names. */
  private String scope(Matcher m) {
    String scope = Scopes.normalize(m.group("scope"));
    if (scope.equals("/")) {
      return scope;
    }
    Matcher parts = SCOPE_PARTS.matcher(scope);
    if (!parts.matches()) {
      throw ApiException.badRequest("InvalidScope", "The scope '" + scope + "' is not valid.");
    }
    if (parts.group("rg") == null) {
      world.requireSubscription(parts.group("sub"));
    } else if (parts.group("type") == null) {
      world.requireResourceGroup(parts.group("sub"), parts.group("rg"));
    } else if (parts.group("type").equalsIgnoreCase("Microsoft.ContainerRegistry/registries")) {
      world.requireRegistry(parts.group("sub"), parts.group("rg"), parts.group("name"));
    } else if (parts.group("type").equalsIgnoreCase("Microsoft.ContainerService/managedClusters")) {
      world.requireCluster(parts.group("sub"), parts.group("rg"), parts.group("name"));
    } else {
      world.requireResourceGroup(parts.group("sub"), parts.group("rg"));
    }
    return scope;
  }

  private Assignment find(String scope, String name) {
    requireGuid(name);
    return world.authorization().find(scope, name).orElseThrow(() -> ApiException.notFound(
        "RoleAssignmentNotFound", "The role assignment '" + name + "' is not found."));
  }

  private static void requireGuid(String name) {
    if (!GUID.matcher(name).matches()) {
      throw ApiException.badRequest("InvalidRoleAssignmentId",
          "The role assignment ID '" + name + "' is not valid. The role assignment ID must be a GUID.");
    }
  }

  private Reply createAssignment(HttpCall call, Matcher m) {
    String scope = scope(m);
    String name = m.group("name");
    requireGuid(name);
    JsonNode props = call.json().path("properties");
    String roleDefinitionId = Json.text(props, "roleDefinitionId").orElseThrow(() -> ApiException.badRequest(
        "InvalidRoleDefinitionId", "The role definition ID is missing."));
    RoleDefinition role = Authorization.definition(roleDefinitionId).orElseThrow(() -> ApiException.badRequest(
        "RoleDefinitionDoesNotExist", "The specified role definition with ID '" + roleDefinitionId
            + "' does not exist."));
    String principalId = Json.text(props, "principalId").filter(p -> GUID.matcher(p).matches())
        .orElseThrow(() -> ApiException.badRequest("InvalidPrincipalId",
            "A valid principal ID must be provided for role assignment."));
    Optional<String> principalType = Json.text(props, "principalType");
    principalType.filter(t -> !PRINCIPAL_TYPES.contains(t.toLowerCase(Locale.ROOT))).ifPresent(t -> {
      throw ApiException.badRequest("InvalidPrincipalType", "The principal type '" + t + "' is not valid.");
    });

    Optional<String> condition = Json.text(props, "condition").filter(c -> !c.isBlank());
    Optional<String> conditionVersion = Json.text(props, "conditionVersion");
    if (condition.isPresent() && !conditionVersion.orElse("2.0").equals("2.0")) {
      // wording not confirmed against ARM; the version rule is (only 2.0 is accepted for new conditions)
      throw ApiException.badRequest("InvalidConditionVersion",
          "The condition version '" + conditionVersion.get() + "' is not supported. Use 2.0.");
    }
    Optional<String> description = Json.text(props, "description");

    Optional<Assignment> sameName = world.authorization().find(scope, name);
    if (sameName.isPresent()) {
      Assignment a = sameName.get();
      if (a.role().equals(role) && a.principalId().equalsIgnoreCase(principalId)) {
        if (a.condition().equals(condition) && a.description().equals(description)) {
          throw exists(a);
        }
        // the condition and the description are what a PUT may change in place
        Assignment updated = new Assignment(a.name(), a.scope(), a.roleDefinitionId(), a.role(), a.principalId(),
            a.principalType(), a.createdOn(), description, condition, condition.map(c -> "2.0"));
        world.authorization().remove(a);
        world.authorization().add(updated);
        return Reply.json(200, render(updated));
      }
      throw ApiException.badRequest("RoleAssignmentUpdateNotPermitted",
          "Tenant ID, application ID, principal ID, and scope are not allowed to be updated.");
    }
    Optional<Assignment> equivalent = world.authorization().findEquivalent(scope, role, principalId);
    if (equivalent.isPresent()) {
      throw exists(equivalent.get());
    }
    // with principalType set ARM trusts the caller and skips the directory lookup
    if (principalType.isEmpty() && !world.principalReplicated(principalId)) {
      throw ApiException.badRequest("PrincipalNotFound", "Principal " + principalId.replace("-", "")
          + " does not exist in the directory " + world.seed().tenantId() + ". Check that you have the correct"
          + " principal ID. If you are creating this principal and then immediately assigning a role, this error"
          + " might be related to a replication delay. In this case, set the role assignment principalType"
          + " property to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype");
    }
    Assignment created = new Assignment(name, scope, roleDefinitionId, role, principalId,
        principalType.orElse("ServicePrincipal"), world.now(), description, condition, condition.map(c -> "2.0"));
    world.authorization().add(created);
    return Reply.json(201, render(created));
  }

  private static ApiException exists(Assignment existing) {
    return new ApiException(409, "RoleAssignmentExists",
        "The role assignment already exists. The ID of the existing role assignment is "
            + existing.name().replace("-", "").toLowerCase(Locale.ROOT) + ".");
  }

  private Reply listAssignments(HttpCall call, Matcher m) {
    String scope = scope(m);
    boolean atScope = false;
    Optional<String> principal = Optional.empty();
    for (String term : terms(call)) {
      Matcher eq = PRINCIPAL_EQ.matcher(term);
      Matcher to = ASSIGNED_TO.matcher(term);
      if (AT_SCOPE.matcher(term).matches()) {
        atScope = true;
      } else if (eq.matches()) {
        principal = Optional.of(eq.group("id"));
      } else if (to.matches()) {
        principal = Optional.of(to.group("id"));
      } else {
        throw unsupportedFilter(term);
      }
    }
    List<ObjectNode> items = world.authorization().list(scope, atScope, principal).stream().map(this::render).toList();
    return Reply.ok(Pages.page(call, items, options.pageSize(), "nextLink"));
  }

  private Reply listDefinitions(HttpCall call, Matcher m) {
    String scope = scope(m);
    Optional<String> roleName = Optional.empty();
    for (String term : terms(call)) {
      Matcher name = ROLE_NAME_EQ.matcher(term);
      Matcher type = TYPE_EQ.matcher(term);
      if (name.matches()) {
        roleName = Optional.of(name.group("name"));
      } else if (!(type.matches() && type.group("type").equalsIgnoreCase("BuiltInRole"))) {
        throw unsupportedFilter(term);
      }
    }
    Optional<String> wanted = roleName;
    List<ObjectNode> items = Authorization.BUILT_IN.stream()
        .filter(d -> wanted.map(n -> d.roleName().equalsIgnoreCase(n)).orElse(true))
        .map(d -> render(d, scope)).toList();
    return Reply.ok(Pages.page(call, items, options.pageSize(), "nextLink"));
  }

  private static List<String> terms(HttpCall call) {
    return call.query("$filter").map(String::trim).filter(f -> !f.isEmpty())
        .map(f -> List.of(AND.split(f))).orElse(List.of());
  }

  private static ApiException unsupportedFilter(String term) {
    return ApiException.badRequest("UnsupportedQuery", "The filter '" + term + "' is not supported.");
  }

  private ObjectNode render(Assignment a) {
    ObjectNode node = Json.object();
    node.put("id", a.id());
    node.put("name", a.name());
    node.put("type", "Microsoft.Authorization/roleAssignments");
    ObjectNode props = node.putObject("properties");
    props.put("roleDefinitionId", a.roleDefinitionId());
    props.put("principalId", a.principalId());
    props.put("principalType", a.principalType());
    props.put("scope", a.scope());
    a.condition().ifPresentOrElse(c -> props.put("condition", c), () -> props.putNull("condition"));
    a.conditionVersion().ifPresentOrElse(v -> props.put("conditionVersion", v), () -> props.putNull("conditionVersion"));
    props.put("createdOn", a.createdOn().toString());
    props.put("updatedOn", a.createdOn().toString());
    props.putNull("delegatedManagedIdentityResourceId");
    a.description().ifPresentOrElse(d -> props.put("description", d), () -> props.putNull("description"));
    return node;
  }

  private ObjectNode render(RoleDefinition d, String scope) {
    String prefix = scope.toLowerCase(Locale.ROOT).startsWith("/subscriptions/")
        ? "/subscriptions/" + world.subscriptionId() : "";
    ObjectNode node = Json.object();
    node.put("id", prefix + "/providers/Microsoft.Authorization/roleDefinitions/" + d.guid());
    node.put("name", d.guid());
    node.put("type", "Microsoft.Authorization/roleDefinitions");
    ObjectNode props = node.putObject("properties");
    props.put("roleName", d.roleName());
    props.put("type", "BuiltInRole");
    props.put("description", d.description());
    props.putArray("assignableScopes").add("/");
    ObjectNode permissions = props.putArray("permissions").addObject();
    ArrayNode actions = permissions.putArray("actions");
    d.actions().forEach(actions::add);
    ArrayNode notActions = permissions.putArray("notActions");
    d.notActions().forEach(notActions::add);
    ArrayNode dataActions = permissions.putArray("dataActions");
    d.dataActions().forEach(dataActions::add);
    permissions.putArray("notDataActions");
    return node;
  }
}
