package dev.pullplan.cli;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import dev.pullplan.sandbox.kube.KubeSandbox;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Drift made behind pullplan's back, with the sandbox's own client (whose calls are not counted). */
final class BenchDrift {
  private BenchDrift() {}

  /**
   * Changes 1 % of pullplan's Secrets over the fleet (at least one): every other one is deleted,
   * the rest get another {@code .dockerconfigjson}. Returns how many it touched.
   */
  static int changeOnePercent(KubeSandbox kube, BenchFleet fleet) {
    List<Secret> all = new ArrayList<>();
    List<KubernetesClient> clients = new ArrayList<>();
    for (int c = 0; c < fleet.clusters(); c++) {
      KubernetesClient client = kube.client(BenchFleet.cluster(c));
      for (Secret s : client.secrets().inAnyNamespace().withLabel("app.kubernetes.io/managed-by", "pullplan").list()
          .getItems()) {
        all.add(s);
        clients.add(client);
      }
    }
    if (all.isEmpty()) {
      return 0;
    }
    int count = Math.max(1, all.size() / 100);
    int step = all.size() / count;
    int touched = 0;
    for (int i = 0; i < count; i++) {
      Secret s = all.get(i * step);
      KubernetesClient client = clients.get(i * step);
      if (i % 2 == 0) {
        client.secrets().inNamespace(s.getMetadata().getNamespace()).withName(s.getMetadata().getName()).delete();
      } else {
        String other = "{\"auths\":{\"elsewhere.example\":{\"auth\":\""
            + Base64.getEncoder().encodeToString("x:y".getBytes(StandardCharsets.UTF_8)) + "\"}}}";
        s.setData(Map.of(".dockerconfigjson", Base64.getEncoder().encodeToString(other.getBytes(StandardCharsets.UTF_8))));
        s.getMetadata().setResourceVersion(null);
        client.secrets().inNamespace(s.getMetadata().getNamespace()).resource(s).update();
      }
      touched++;
    }
    return touched;
  }

}
