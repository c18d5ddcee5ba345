package dev.pullplan.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pullplan.sandbox.Sandbox;
import dev.pullplan.sandbox.azure.GraphObjectView;
import dev.pullplan.sandbox.azure.RoleAssignmentView;
import dev.pullplan.sandbox.azure.TokenView;
import dev.pullplan.sandbox.kube.KubeSandbox;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything in the sandbox that pullplan could make or leave behind, by name rather than id, so
 * that two worlds made by different runs compare equal exactly when they hold the same objects the
 * same number of times: applications, service principals, role assignments (by role, principal and
 * scope), ACR tokens and scope maps, and on every cluster namespaces, Secrets and ServiceAccounts
 * with their image pull secrets. Read through the sandbox's own view and admin clients, which no
 * fault or tripwire touches.
 */
final class Census {
  private final Sandbox sandbox;
  private final String registry;
  /** Directory objects that were there before pullplan ran: the sandbox's own client, the kubelet identities. */
  private final Set<String> seededObjects = new HashSet<>();

  Census(Sandbox sandbox, String registry) {
    this.sandbox = sandbox;
    this.registry = registry;
    sandbox.azure().applications().forEach(a -> seededObjects.add(a.id()));
    sandbox.azure().servicePrincipals().forEach(s -> seededObjects.add(s.id()));
  }

  /** One sorted line per object; duplicates stay as repeated lines. */
  List<String> shape() {
    List<String> lines = new ArrayList<>();
    var azure = sandbox.azure();
    azure.applications().forEach(a -> lines.add("application " + a.displayName()));
    List<GraphObjectView> principals = azure.servicePrincipals();
    principals.forEach(s -> lines.add("service principal " + s.displayName()));
    Map<String, String> principalNames = principals.stream()
        .collect(Collectors.toMap(GraphObjectView::id, GraphObjectView::displayName, (a, b) -> a));
    for (RoleAssignmentView r : azure.roleAssignments()) {
      lines.add("role assignment " + r.roleName() + " for "
          + principalNames.getOrDefault(r.principalId(), "a principal that does not exist (" + r.principalId() + ")")
          + " on " + r.scope());
    }
    Function<String, String> lastSegment = id -> id == null ? "none" : id.substring(id.lastIndexOf('/') + 1);
    for (TokenView t : azure.tokens(registry)) {
      lines.add("acr token " + t.name() + " with scope map " + lastSegment.apply(t.scopeMapId()) + " " + t.status());
    }
    azure.scopeMaps(registry).forEach(m -> lines.add("scope map " + m.name()));
    KubeSandbox kube = sandbox.kube();
    for (String cluster : kube.clusterNames()) {
      KubernetesClient client = kube.client(cluster);
      client.namespaces().list().getItems().forEach(n -> lines.add("namespace " + cluster + "/" + n.getMetadata().getName()));
      client.secrets().inAnyNamespace().list().getItems().forEach(s -> lines.add("secret " + cluster + "/"
          + s.getMetadata().getNamespace() + "/" + s.getMetadata().getName() + " " + s.getType()));
      client.serviceAccounts().inAnyNamespace().list().getItems().forEach(sa -> lines.add("service account "
          + cluster + "/" + sa.getMetadata().getNamespace() + "/" + sa.getMetadata().getName() + " pulls with "
          + sa.getImagePullSecrets().stream().map(LocalObjectReference::getName).toList()));
    }
    lines.sort(null);
    return lines;
  }

  /** What {@code actual} has more or less than {@code expected}, as problems; empty when they are equal. */
  static List<String> difference(String when, List<String> expected, List<String> actual) {
    List<String> extra = new ArrayList<>(actual);
    expected.forEach(extra::remove);
    List<String> missing = new ArrayList<>(expected);
    actual.forEach(missing::remove);
    List<String> problems = new ArrayList<>();
    if (!extra.isEmpty()) {
      problems.add(when + ", the sandbox holds more than a clean apply makes: " + extra);
    }
    if (!missing.isEmpty()) {
      problems.add(when + ", the sandbox lacks what a clean apply makes: " + missing);
    }
    return problems;
  }

  /**
   * Passwords the sandbox issued that state does not know (a credential left live behind), and
   * passwords state holds that the sandbox no longer has; deposed entries left in state.
   */
  List<String> unknownPasswords(JsonNode state) {
    Set<String> keyIds = new HashSet<>();
    Set<String> slots = new HashSet<>();
    for (JsonNode r : state.path("resources")) {
      JsonNode attributes = r.path("attributes");
      if (attributes.hasNonNull("key_id")) {
        keyIds.add(attributes.get("key_id").asText());
      }
      if (attributes.hasNonNull("password_name")) {
        slots.add(attributes.get("password_name").asText());
      }
    }
    List<String> problems = new ArrayList<>();
    if (!state.path("deposed").isEmpty()) {
      problems.add("state still holds deposed entries after apply: " + state.path("deposed").size());
    }
    var now = sandbox.azure().now();
    Set<String> live = new HashSet<>();
    List<GraphObjectView> objects = new ArrayList<>(sandbox.azure().applications());
    objects.addAll(sandbox.azure().servicePrincipals());
    for (GraphObjectView o : objects) {
      if (seededObjects.contains(o.id())) {
        continue;
      }
      o.passwords().stream().filter(p -> p.isLive(now)).forEach(p -> {
        live.add(p.keyId());
        if (!keyIds.contains(p.keyId())) {
          problems.add("a live password of " + o.displayName() + " that state does not know (keyId " + p.keyId() + ")");
        }
      });
    }
    keyIds.stream().filter(k -> !live.contains(k))
        .forEach(k -> problems.add("state holds password keyId " + k + ", which no object has"));
    for (TokenView t : sandbox.azure().tokens(registry)) {
      t.passwords().stream().filter(p -> p.isLive(now)).map(TokenView.TokenPasswordView::name)
          .filter(name -> !slots.contains(name.toLowerCase(java.util.Locale.ROOT)))
          .forEach(name -> problems.add("a live password " + name + " of ACR token " + t.name() + " that state does not know"));
    }
    return problems;
  }
}
