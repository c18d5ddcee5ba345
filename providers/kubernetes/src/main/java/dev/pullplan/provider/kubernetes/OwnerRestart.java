package dev.pullplan.provider.kubernetes;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code apply --restart-stale}: rolls the workloads whose pods were admitted before their
 * ServiceAccount listed the pull secret, the way {@code kubectl rollout restart} does — a new
 * {@code kubectl.kubernetes.io/restartedAt} annotation on the pod template, so the controller
 * makes new pods, which admission gives the secret.
 */
final class OwnerRestart {
  static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

  private OwnerRestart() {}

  /** A workload to roll: kind and name in a namespace. */
  record Workload(String kind, String namespace, String name) {
    @Override
    public String toString() {
      return kind + "/" + name + " in namespace " + namespace;
    }
  }

  /** Restarts the owners of {@code stale} pods once each; returns what was done, one line each. */
  static List<String> restart(ClusterConnection c, List<StalePods.Stale> stale, Instant now) {
    Map<Workload, Boolean> owners = new LinkedHashMap<>();
    List<String> done = new ArrayList<>();
    for (StalePods.Stale s : stale) {
      Optional<Workload> owner = rollable(c, s);
      if (owner.isEmpty()) {
        done.add("pod " + ObjectKey.of(s.pod()) + " in cluster \"" + c.cluster()
            + "\" has no Deployment, StatefulSet or DaemonSet to restart: delete it so it is made again with the secret");
      } else if (owners.putIfAbsent(owner.get(), true) == null) {
        done.add(roll(c, owner.get(), now.toString())
            ? "restarted " + owner.get() + " in cluster \"" + c.cluster() + "\" so its pods get the pull secret"
            : owner.get() + " in cluster \"" + c.cluster() + "\" no longer exists: delete pod "
                + ObjectKey.of(s.pod()) + " so it is made again with the secret");
      }
    }
    return done;
  }

  /** The workload that owns a pod, through its ReplicaSet for a Deployment. */
  private static Optional<Workload> rollable(ClusterConnection c, StalePods.Stale s) {
    String ns = s.pod().getMetadata().getNamespace();
    Optional<OwnerReference> owner = controller(s.pod().getMetadata().getOwnerReferences());
    if (owner.isEmpty()) {
      return Optional.empty();
    }
    String kind = owner.get().getKind();
    if (kind.equals("ReplicaSet")) {
      ReplicaSet rs = c.call("get", "replicasets", ns + "/" + owner.get().getName(),
          () -> c.client().apps().replicaSets().inNamespace(ns).withName(owner.get().getName()).get());
      return rs == null ? Optional.empty()
          : controller(rs.getMetadata().getOwnerReferences()).filter(o -> o.getKind().equals("Deployment"))
              .map(o -> new Workload("Deployment", ns, o.getName()));
    }
    if (kind.equals("StatefulSet") || kind.equals("DaemonSet")) {
      return Optional.of(new Workload(kind, ns, owner.get().getName()));
    }
    return Optional.empty();
  }

  private static Optional<OwnerReference> controller(List<OwnerReference> refs) {
    if (refs == null) {
      return Optional.empty();
    }
    return refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst()
        .or(() -> refs.stream().findFirst());
  }

  /**
   * An update (PUT) guarded by the resourceVersion just read, like every write pullplan makes.
   *
   * @return false when the workload was deleted since its pod was made
   */
  private static boolean roll(ClusterConnection c, Workload w, String now) {
    String scope = w.namespace() + "/" + w.name();
    switch (w.kind()) {
      case "Deployment" -> {
        Deployment d = c.call("get", "deployments", scope,
            () -> c.client().apps().deployments().inNamespace(w.namespace()).withName(w.name()).get());
        if (d == null) {
          return false;
        }
        annotate(d.getSpec().getTemplate(), now);
        c.call("update", "deployments", scope, () -> c.client().apps().deployments().inNamespace(w.namespace()).resource(d).update());
      }
      case "StatefulSet" -> {
        StatefulSet s = c.call("get", "statefulsets", scope,
            () -> c.client().apps().statefulSets().inNamespace(w.namespace()).withName(w.name()).get());
        if (s == null) {
          return false;
        }
        annotate(s.getSpec().getTemplate(), now);
        c.call("update", "statefulsets", scope, () -> c.client().apps().statefulSets().inNamespace(w.namespace()).resource(s).update());
      }
      default -> {
        DaemonSet d = c.call("get", "daemonsets", scope,
            () -> c.client().apps().daemonSets().inNamespace(w.namespace()).withName(w.name()).get());
        if (d == null) {
          return false;
        }
        annotate(d.getSpec().getTemplate(), now);
        c.call("update", "daemonsets", scope, () -> c.client().apps().daemonSets().inNamespace(w.namespace()).resource(d).update());
      }
    }
    return true;
  }

  private static void annotate(PodTemplateSpec template, String now) {
    if (template.getMetadata() == null) {
      template.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
    }
    Map<String, String> annotations = template.getMetadata().getAnnotations() == null
        ? new LinkedHashMap<>() : new LinkedHashMap<>(template.getMetadata().getAnnotations());
    annotations.put(RESTARTED_AT, now);
    template.getMetadata().setAnnotations(annotations);
  }
}
