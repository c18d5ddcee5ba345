package dev.pullplan.spi;

import dev.pullplan.model.Cluster;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a cluster says about image pulls, read the way a kubelet sees them: pods whose containers
 * wait in {@code ErrImagePull} / {@code ImagePullBackOff} with their events, the pull Secrets of
 * every namespace, a ServiceAccount's {@code imagePullSecrets} and the login a Secret holds.
 * Offered by the Kubernetes provider through {@link ProviderSession#service}; used by {@code
 * doctor} and {@code verify}. Every method reads; none changes the cluster.
 */
public interface PodPulls {

  /** Pods of {@code cluster} (a cluster block), in one namespace or all, that fail to pull. */
  List<FailingPod> failingPods(Cluster cluster, Optional<String> namespace);

  /** Every {@code kubernetes.io/dockerconfigjson} Secret of the cluster, with the registries it has logins for. */
  List<PullSecret> pullSecrets(Cluster cluster);

  /** The ServiceAccount's {@code imagePullSecrets} now; empty when the account does not exist. */
  Optional<List<String>> serviceAccountPullSecrets(Cluster cluster, String namespace, String serviceAccount);

  /** The username and password the Secret holds for {@code server}; empty when it has none. */
  Optional<Login> login(Cluster cluster, String namespace, String secret, String server);

  /**
   * A pod's container that cannot pull its image.
   *
   * @param reason {@code ErrImagePull} or {@code ImagePullBackOff}
   * @param message the container's {@code state.waiting.message}
   * @param pullSecrets the pod's own {@code imagePullSecrets}, as admission fixed them when it was created
   * @param events the messages kubelet wrote for the pod, oldest first
   */
  record FailingPod(String cluster, String namespace, String name, String serviceAccount, String container,
      String image, String reason, String message, List<String> pullSecrets, Optional<Instant> created,
      List<String> events) {
    public FailingPod {
      pullSecrets = List.copyOf(pullSecrets);
      events = List.copyOf(events);
    }
  }

  /** A pull Secret: where it is and which registries ({@code auths} keys) it has logins for. */
  record PullSecret(String namespace, String name, Set<String> servers) {
    public PullSecret {
      servers = Set.copyOf(servers);
    }
  }

  /** One {@code auths} entry. Never printed with its password. */
  record Login(String server, String username, String password) {
    @Override
    public String toString() {
      return "Login[" + server + " " + username + " password=(sensitive)]";
    }
  }
}
