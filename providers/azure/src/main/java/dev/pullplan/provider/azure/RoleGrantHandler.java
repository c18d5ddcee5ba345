package dev.pullplan.provider.azure;

import com.azure.resourcemanager.authorization.fluent.models.RoleAssignmentInner;
import dev.pullplan.PullplanException;
import dev.pullplan.expand.Expander;
import dev.pullplan.spi.Applied;
import dev.pullplan.spi.ApplyContext;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.Importable;
import dev.pullplan.spi.Observed;
import dev.pullplan.spi.ReadRequest;
import dev.pullplan.spi.ResourceHandler;
import dev.pullplan.spi.ResourceState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A pull role at a registry's scope for one principal: {@code azure_acr_attach} for an AKS
 * cluster's identity, {@code azure_role_assignment} for a service principal. The config asks for
 * AcrPull; the registry's mode decides what is assigned ({@link PullRoleMapping}): AcrPull in legacy
 * mode, Container Registry Repository Reader (with a repository condition when the access names
 * {@code repositories}) in ABAC mode. An assignment that no longer grants pull — the registry moved
 * to ABAC since — reads as a different role, which the plan replaces create-before-destroy.
 * A different registry, principal or role is a new assignment; a different repository list is the
 * same assignment with a new condition.
 *
 * <p>The same role for the same principal inherited from a resource group, subscription or
 * management group above the registry (no condition, or the one pullplan would write) covers the
 * access: nothing is granted, and it is recorded with {@code inherited_from}, never owned. Broader
 * roles that also pull (Owner, AcrPush, …) do not cover it here, only in verify: the config asks for
 * a pull grant, and one that exists only as a side effect of administration rights is not it.
 */
final class RoleGrantHandler implements ResourceHandler, Importable, dev.pullplan.spi.PullRoleCheck {
  /** The scope above the registry an assignment is made at, when the grant is inherited from there. */
  static final String INHERITED_FROM = "inherited_from";

  private final AzureResources resources;
  private final RoleAssignments assignments;
  private final Grantee grantee;

  RoleGrantHandler(AzureResources resources, RoleAssignments assignments, Grantee grantee) {
    this.resources = resources;
    this.assignments = assignments;
    this.grantee = grantee;
  }

  /** What the config asks for on a registry as it is now. */
  private record Wanted(AcrRegistry registry, PullRoleMapping.PullGrant grant, String roleDefinitionId) {}

  private Wanted wanted(String what, Map<String, Object> config) {
    AcrRegistry registry = resources.registry(String.valueOf(config.get(Expander.ACR)));
    PullRoleMapping.PullGrant grant = PullRoleMapping.grant(what, registry, registry.mode(),
        String.valueOf(config.get("role")), repositories(config));
    return new Wanted(registry, grant, assignments.roleDefinitionId(registry.subscriptionId(), grant.roleName()));
  }

  @SuppressWarnings("unchecked")
  private static List<String> repositories(Map<String, Object> config) {
    Object value = config.get("repositories");
    return value instanceof List<?> list ? List.copyOf((List<String>) list) : List.of();
  }

  @Override
  public Observed read(ReadRequest request) {
    Optional<String> priorScope = ConfigEcho.priorString(request, "scope");
    Optional<String> priorName = ConfigEcho.priorString(request, "name");
    Optional<Grantee.Principal> principal = request.desired().flatMap(grantee::resolve);
    Map<String, Object> config = ConfigEcho.of(request, configAttributes());
    // the config's ask, on the registry as it is now: a plan error here when it cannot be met
    Optional<Wanted> wanted = request.desired().map(d -> wanted(d.address().toString(), d.attributes()));
    // an inherited grant is none of pullplan's: whether one still covers the config is asked anew
    boolean priorInherited = request.prior().filter(p -> p.attributes().containsKey(INHERITED_FROM)).isPresent();
    Optional<RoleAssignmentInner> found;
    String scope;
    boolean adopted;
    if (priorScope.isPresent() && priorName.isPresent() && !(priorInherited && wanted.isPresent() && principal.isPresent())) {
      scope = priorScope.get();
      found = assignments.byName(scope, priorName.get());
      adopted = request.prior().map(p -> Boolean.TRUE.equals(p.attributes().get("adopted"))).orElse(false);
    } else if (wanted.isPresent() && principal.isPresent()) {
      Wanted w = wanted.get();
      String name = RoleAssignmentNames.of(w.registry().id(), principal.get().objectId(), w.roleDefinitionId());
      scope = w.registry().id();
      found = assignments.byName(scope, name)
          .or(() -> assignments.equivalent(scope, principal.get().objectId(), w.roleDefinitionId()))
          .or(() -> assignments.inheritedEquivalent(scope, principal.get().objectId(), w.roleDefinitionId(),
              w.grant().condition()));
      // only this stack's mark proves pullplan made it; anything else is recorded, not owned
      adopted = found.filter(a -> !assignments.ours(a) || RoleAssignments.inheritedFrom(a, scope).isPresent())
          .isPresent();
    } else {
      return Observed.absent();
    }
    if (found.isEmpty()) {
      // pullplan never made an inherited grant: its going is no deletion of pullplan's object
      return priorInherited && wanted.isPresent() ? inheritedGone(request.prior().orElseThrow(), wanted.get())
          : Observed.absent();
    }
    RoleAssignmentInner assignment = found.get();
    Optional<String> inheritedFrom = RoleAssignments.inheritedFrom(assignment, scope);
    String held = PullRoleMapping.roleName(RoleAssignmentNames.roleGuid(assignment.roleDefinitionId()));
    // only with a config: a destroy must work after the registry block was removed
    Optional<AcrRegistry> registry = wanted.map(Wanted::registry);
    if (wanted.isPresent() && inheritedFrom.isPresent()) {
      // found because it covers what the config asks now (role and repositories): echo that ask
      config = ConfigEcho.of(request.desired().orElseThrow().attributes(), configAttributes());
    } else if (wanted.isPresent()) {
      Wanted w = wanted.get();
      boolean sameRole = RoleAssignmentNames.roleGuid(w.roleDefinitionId())
          .equalsIgnoreCase(RoleAssignmentNames.roleGuid(assignment.roleDefinitionId()));
      if (!sameRole) {
        // the registry changed mode since this was applied: say so, and let "role" differ so it is replaced
        config.put("role", held + " (not honoured by registry " + w.registry().name() + " in "
            + w.registry().mode().wire + " mode)");
        resources.run().warn(request.address() + ": registry " + w.registry().name() + " reports roleAssignmentMode "
            + w.registry().mode().wire + ", where " + held + " grants no pull; this access is replaced by "
            + w.grant().roleName() + " (the new assignment first, then " + assignment.name() + " removed)");
      } else {
        // the condition should be the one the recorded repositories make; anything else was changed outside
        List<String> recorded = repositories(config);
        Optional<String> expected = recorded.isEmpty() ? Optional.empty()
            : Optional.of(PullRoleMapping.condition(recorded));
        if (!PullRoleMapping.sameCondition(expected, Optional.ofNullable(assignment.condition()))) {
          config.put("repositories", List.of("(condition changed outside pullplan)"));
        }
      }
    }
    Optional<String> description = principal.flatMap(Grantee.Principal::description)
        .or(() -> ConfigEcho.priorString(request, "principal_name"));
    Map<String, Object> attributes = attributes(config, assignment, scope, description, adopted, held, registry);
    if (request.prior().filter(p -> !p.attributes().containsKey("assigned_role")).isPresent()) {
      // state written before pullplan recorded these: not a change made outside pullplan
      attributes.remove("assigned_role");
      attributes.remove("role_assignment_mode");
    }
    return new Observed.Present(assignment.id(), attributes, Map.of(), context(attributes, description));
  }

  /** What became of the inherited grant the access relied on, and what the plan does instead. */
  private Observed inheritedGone(ResourceState prior, Wanted wanted) {
    String held = "the " + prior.attributes().getOrDefault("assigned_role", "role") + " inherited from "
        + ArmScopes.describe(prior.string(INHERITED_FROM));
    boolean stillThere = assignments.byName(wanted.registry().id(), prior.string("name")).isPresent();
    return Observed.gone(held + (stillThere ? " no longer covers this access" : " is gone") + ": pullplan grants "
        + wanted.grant().roleName() + " at registry " + wanted.registry().name() + " itself");
  }

  /** The grantee's pull, as the registry's token server would judge it from roles (verify). */
  @Override
  public Finding checkPullRole(ResourceState recorded) {
    try {
      return new PullRoleVerdict(resources, assignments).check(recorded, grantee.current(recorded));
    } catch (PullplanException e) {
      return PullRoleVerdict.unchecked(recorded, e);
    }
  }

  @Override
  public String idFormat() {
    return "the role assignment's ARM id (/subscriptions/.../providers/Microsoft.Authorization/roleAssignments/NAME)";
  }

  /**
   * Takes the existing assignment of the role the config asks for, to the principal and on the
   * registry it names; an id that names another assignment is refused. Importing is the user's
   * word that pullplan owns it from now on: destroy removes it.
   */
  @Override
  public Observed importById(ReadRequest request, String id) {
    Observed seen = read(request);
    if (seen instanceof Observed.Present p) {
      if (!p.id().equalsIgnoreCase(id)) {
        throw new PullplanException("the config's grant for " + request.address() + " is the role assignment "
            + p.id() + ", not " + id + ": import it by that id");
      }
      if (p.attributes().get(INHERITED_FROM) instanceof String from) {
        // pullplan grants and revokes at the registry only; someone else's grant above it stays theirs
        throw new PullplanException(request.address() + ": the role assignment " + id + " is inherited from "
            + ArmScopes.describe(from) + ", not made at the registry: pullplan records it as covering the"
            + " access without importing it, and never owns it");
      }
      Map<String, Object> owned = new LinkedHashMap<>(p.attributes());
      owned.put("adopted", false);
      return new Observed.Present(p.id(), owned, p.sensitive(),
          context(owned, Optional.ofNullable(owned.get("principal_name")).map(String::valueOf)));
    }
    return seen;
  }

  @Override
  public Applied create(Desired desired, ApplyContext context) {
    Grantee.Principal principal = grantee.resolve(desired).orElseThrow(() -> new PullplanException(
        desired.address() + ": the principal to grant " + desired.string("role") + " to is not known"));
    Wanted w = wanted(desired.address().toString(), desired.attributes());
    RoleAssignments.Grant grant = assignments.grant(w.registry().id(), principal.objectId(), w.roleDefinitionId(),
        w.grant().condition());
    if (grant.adopted()) {
      context.run().warn(desired.address() + ": recorded the existing role assignment " + grant.assignment().name()
          + " (same role and principal, not made by pullplan) as not owned; destroy leaves it in place");
    }
    Map<String, Object> attributes = attributes(ConfigEcho.of(desired.attributes(), configAttributes()),
        grant.assignment(), w.registry().id(), principal.description(), grant.adopted(), w.grant().roleName(),
        Optional.of(w.registry()));
    return Applied.of(grant.assignment().id(), attributes);
  }

  /** The repositories changed: the same assignment, its condition rewritten; else config only. */
  @Override
  public Applied update(Desired desired, ResourceState prior, ApplyContext context) {
    Map<String, Object> attributes = new LinkedHashMap<>(prior.attributes());
    attributes.putAll(ConfigEcho.of(desired.attributes(), configAttributes()));
    if (!repositories(desired.attributes()).equals(repositories(prior.attributes()))) {
      if (repositories(desired.attributes()).isEmpty()) {
        attributes.remove("repositories");
      }
      Grantee.Principal principal = grantee.resolve(desired).orElseThrow(() -> new PullplanException(
          desired.address() + ": the principal to grant " + desired.string("role") + " to is not known"));
      Wanted w = wanted(desired.address().toString(), desired.attributes());
      RoleAssignments.Grant grant = assignments.grant(w.registry().id(), principal.objectId(), w.roleDefinitionId(),
          w.grant().condition());
      attributes.put("name", grant.assignment().name());
    }
    return Applied.of(prior.id(), attributes);
  }

  /** An assignment pullplan did not make (adopted) leaves state but stays in Azure. */
  @Override
  public void delete(ResourceState prior, ApplyContext context) {
    if (Boolean.TRUE.equals(prior.attributes().get("adopted"))) {
      context.run().warn(prior.address() + ": left the role assignment " + prior.string("name")
          + (prior.attributes().get(INHERITED_FROM) instanceof String from ? " on " + ArmScopes.describe(from) : "")
          + " in place: it was not made by pullplan (only removed from state)");
      return;
    }
    assignments.revoke(prior.string("scope"), prior.string("name"));
  }

  /**
   * The role asked for is AcrPull; on a registry in ABAC mode the grant becomes the Repository
   * Reader role when it is made ({@link PullRoleMapping}).
   */
  @Override
  public Map<String, Object> derived(dev.pullplan.address.Address address, Map<String, Object> facts) {
    return AzureNames.with(facts, "role", PullRoleMapping.ACR_PULL);
  }

  @Override
  public Set<String> replaceOn() {
    return Set.of("registry", "cluster", "role", "principal_id");
  }

  /** Which registry (and for an attach, which AKS cluster) the blocks named: what {@code registry} and {@code cluster} stand for. */
  @Override
  public Set<String> locators() {
    return Set.of(Expander.ACR, Expander.AKS);
  }

  /** A replaced pull grant must never leave a window without one: the new assignment comes first. */
  @Override
  public boolean createBeforeDestroy() {
    return true;
  }

  private List<String> configAttributes() {
    List<String> names = new java.util.ArrayList<>(grantee.configAttributes());
    names.add("repositories");
    return names;
  }

  static Map<String, Object> attributes(Map<String, Object> config, RoleAssignmentInner a, String scope,
      Optional<String> principalName, boolean adopted, String assignedRole, Optional<AcrRegistry> registry) {
    Map<String, Object> out = new LinkedHashMap<>(config);
    out.put("principal_id", a.principalId());
    principalName.ifPresent(n -> out.put("principal_name", n));
    out.put("name", a.name());
    out.put("scope", scope);
    RoleAssignments.inheritedFrom(a, scope).ifPresent(from -> out.put(INHERITED_FROM, from));
    out.put("adopted", adopted);
    out.put("assigned_role", assignedRole);
    registry.ifPresent(r -> out.put("role_assignment_mode", r.mode().wire));
    return out;
  }

  static List<String> context(Map<String, Object> attributes, Optional<String> principalName) {
    String who = principalName.orElse("principal");
    Object repositories = attributes.get("repositories");
    return List.of(attributes.getOrDefault("assigned_role", attributes.getOrDefault("role", "role")) + " for " + who
        + " (objectId " + attributes.get("principal_id") + ")"
        + (attributes.containsKey("role_assignment_mode")
            ? " on a registry in " + attributes.get("role_assignment_mode") + " mode" : "")
        + (repositories instanceof List<?> l && !l.isEmpty() ? ", repositories " + String.join(", ",
            l.stream().map(String::valueOf).toList()) : "")
        + (attributes.get(INHERITED_FROM) instanceof String from ? ", inherited from " + ArmScopes.describe(from)
            + ": nothing to grant at the registry; recorded, not owned; destroy leaves it in place"
            : Boolean.TRUE.equals(attributes.get("adopted"))
                ? ", made outside pullplan: recorded, not owned; destroy leaves it in place" : ""));
  }
}
