package dev.pullplan.sandbox.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Subscriptions, resource groups and the polling of long-running operations. */
final class ResourceRoutes {

  private final AzureWorld world;
  private final SandboxOptions options;

  ResourceRoutes(AzureWorld world, SandboxOptions options) {
    this.world = world;
    this.options = options;
  }

  void register(Router router) {
    router.on("GET", "/subscriptions", (call, m) ->
        Reply.ok(Pages.page(call, List.of(subscription()), options.pageSize(), "nextLink")));
    router.on("GET", ArmPaths.SUB, (call, m) -> {
      world.requireSubscription(m.group("sub"));
      return Reply.ok(subscription());
    });
    router.on("GET", ArmPaths.SUB + "/resourcegroups", (call, m) -> {
      world.requireSubscription(m.group("sub"));
      return Reply.ok(Pages.page(call, world.seed().resourceGroups().stream().map(this::group).toList(),
          options.pageSize(), "nextLink"));
    });
    router.on("GET", ArmPaths.RG, (call, m) ->
        Reply.ok(group(world.requireResourceGroup(m.group("sub"), m.group("rg")))));
    router.on("GET", ArmPaths.SUB + "/providers/[^/]+/locations/[^/]+/operationStatuses/(?<id>[^/]+)",
        (call, m) -> world.operations().status(m.group("id")));
    router.on("GET", ArmPaths.SUB + "/providers/[^/]+/locations/[^/]+/operationResults/(?<id>[^/]+)",
        (call, m) -> world.operations().result(call, m.group("id")));
  }

  private ObjectNode subscription() {
    ObjectNode node = Json.object();
    node.put("id", "/subscriptions/" + world.subscriptionId());
    node.put("subscriptionId", world.subscriptionId());
    node.put("tenantId", world.seed().tenantId());
    node.put("displayName", "pullplan sandbox");
    node.put("state", "Enabled");
    return node;
  }

  private ObjectNode group(String name) {
    ObjectNode node = Json.object();
    node.put("id", "/subscriptions/" + world.subscriptionId() + "/resourceGroups/" + name);
    node.put("name", name);
    node.put("type", "Microsoft.Resources/resourceGroups");
    node.put("location", "westeurope");
    node.putObject("properties").put("provisioningState", "Succeeded");
    return node;
  }
}
