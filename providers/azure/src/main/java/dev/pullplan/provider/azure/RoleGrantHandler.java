package dev.pullplan.provider.azure;

import com.azure.resourcemanager.authorization.fluent.models.RoleAssignmentInner;
import dev.pullplan.PullplanException;
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
 * A role (AcrPull) at a registry's scope for one principal: {@code azure_acr_attach} for an AKS
 * cluster's identity, {@code azure_role_assignment} for a service principal. Role assignments have
 * nothing to change in place: a different registry, principal or role is a new assignment.
 */
final class RoleGrantHandler implements ResourceHandler, Importable {
  private final AzureResources resources;
  private final RoleAssignments assignments;
  private final Grantee grantee;

  RoleGrantHandler(AzureResources resources, RoleAssignments assignments, Grantee grantee) {
    this.resources = resources;
    this.assignments = assignments;
    this.grantee = grantee;
  }

  @Override
  public Observed read(ReadRequest request) {
    Optional<String> priorScope = ConfigEcho.priorString(request, "scope");
    Optional<String> priorName = ConfigEcho.priorString(request, "name");
    Optional<Grantee.Principal> principal = request.desired().flatMap(grantee::resolve);
    Optional<RoleAssignmentInner> found;
    String scope;
    boolean adopted;
    if (priorScope.isPresent() && priorName.isPresent()) {
      scope = priorScope.get();
      found = assignments.byName(scope, priorName.get());
      adopted = request.prior().map(p -> Boolean.TRUE.equals(p.attributes().get("adopted"))).orElse(false);
    } else if (request.desired().isPresent() && principal.isPresent()) {
      Desired desired = request.desired().get();
      AcrRegistry registry = resources.registry(desired.string("registry"));
      String role = assignments.roleDefinitionId(registry.subscriptionId(), desired.string("role"));
      String name = RoleAssignmentNames.of(registry.id(), principal.get().objectId(), role);
      scope = registry.id();
      found = assignments.byName(scope, name)
          .or(() -> assignments.equivalent(registry.id(), principal.get().objectId(), role));
      adopted = found.filter(a -> !name.equalsIgnoreCase(a.name())).isPresent();
    } else {
      return Observed.absent();
    }
    if (found.isEmpty()) {
      return Observed.absent();
    }
    Optional<String> description = principal.flatMap(Grantee.Principal::description)
        .or(() -> ConfigEcho.priorString(request, "principal_name"));
    Map<String, Object> attributes = attributes(ConfigEcho.of(request, grantee.configAttributes()), found.get(),
        scope, description, adopted);
    return new Observed.Present(found.get().id(), attributes, Map.of(), context(attributes, description));
  }

  @Override
  public String idFormat() {
    return "the role assignment's ARM id (/subscriptions/.../providers/Microsoft.Authorization/roleAssignments/NAME)";
  }

  /**
   * Takes the existing assignment of the role the config asks for, to the principal and on the
   * registry it names; an id that names another assignment is refused.
   */
  @Override
  public Observed importById(ReadRequest request, String id) {
    Observed seen = read(request);
    if (seen instanceof Observed.Present p && !p.id().equalsIgnoreCase(id)) {
      throw new PullplanException("the config's grant for " + request.address() + " is the role assignment "
          + p.id() + ", not " + id + ": import it by that id");
    }
    return seen;
  }

  @Override
  public Applied create(Desired desired, ApplyContext context) {
    Grantee.Principal principal = grantee.resolve(desired).orElseThrow(() -> new PullplanException(
        desired.address() + ": the principal to grant " + desired.string("role") + " to is not known"));
    AcrRegistry registry = resources.registry(desired.string("registry"));
    String role = assignments.roleDefinitionId(registry.subscriptionId(), desired.string("role"));
    RoleAssignments.Grant grant = assignments.grant(registry.id(), principal.objectId(), role);
    if (grant.adopted()) {
      context.run().warn(desired.address() + ": adopted the existing role assignment " + grant.assignment().name()
          + " (same role and principal, made outside pullplan); destroying this access removes it");
    }
    Map<String, Object> attributes = attributes(ConfigEcho.of(desired.attributes(), grantee.configAttributes()),
        grant.assignment(), registry.id(), principal.description(), grant.adopted());
    return Applied.of(grant.assignment().id(), attributes);
  }

  /** Only config-side attributes can differ without a replacement: nothing to do in Azure. */
  @Override
  public Applied update(Desired desired, ResourceState prior, ApplyContext context) {
    Map<String, Object> attributes = new LinkedHashMap<>(prior.attributes());
    attributes.putAll(ConfigEcho.of(desired.attributes(), grantee.configAttributes()));
    return Applied.of(prior.id(), attributes);
  }

  @Override
  public void delete(ResourceState prior, ApplyContext context) {
    assignments.revoke(prior.string("scope"), prior.string("name"));
  }

  @Override
  public Set<String> replaceOn() {
    return Set.of("registry", "cluster", "role", "principal_id");
  }

  static Map<String, Object> attributes(Map<String, Object> config, RoleAssignmentInner a, String scope,
      Optional<String> principalName, boolean adopted) {
    Map<String, Object> out = new LinkedHashMap<>(config);
    out.put("principal_id", a.principalId());
    principalName.ifPresent(n -> out.put("principal_name", n));
    out.put("name", a.name());
    out.put("scope", scope);
    out.put("adopted", adopted);
    return out;
  }

  static List<String> context(Map<String, Object> attributes, Optional<String> principalName) {
    String who = principalName.orElse("principal");
    return List.of(attributes.getOrDefault("role", "role") + " for " + who + " (objectId "
        + attributes.get("principal_id") + ")" + (Boolean.TRUE.equals(attributes.get("adopted"))
            ? ", adopted from an assignment made outside pullplan" : ""));
  }
}
