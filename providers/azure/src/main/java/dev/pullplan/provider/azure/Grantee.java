package dev.pullplan.provider.azure;

import dev.pullplan.spi.Desired;
import dev.pullplan.spi.Unknown;
import java.util.List;
import java.util.Optional;

/** Who a role grant is for: an AKS cluster's pulling identity, or a principal named in the config. */
sealed interface Grantee {

  /** The principal, or empty while it is not known yet (its service principal is created in this run). */
  Optional<Principal> resolve(Desired desired);

  /** The config attributes of the type. */
  List<String> configAttributes();

  record Principal(String objectId, Optional<String> description) {}

  /** {@code azure_acr_attach}: the kubelet identity (or legacy service principal) of the cluster. */
  record ClusterIdentity(AzureResources resources) implements Grantee {
    @Override
    public Optional<Principal> resolve(Desired desired) {
      AksCluster cluster = resources.cluster(desired.string("cluster"));
      return Optional.of(new Principal(cluster.pullerObjectId(), Optional.of(cluster.pullerName())));
    }

    @Override
    public List<String> configAttributes() {
      return List.of("stack", "registry", "cluster", "role");
    }
  }

  /** {@code azure_role_assignment}: {@code principal_id}, usually a service principal's object id. */
  record NamedPrincipal() implements Grantee {
    @Override
    public Optional<Principal> resolve(Desired desired) {
      Object id = desired.attributes().get("principal_id");
      return id == null || id instanceof Unknown ? Optional.empty()
          : Optional.of(new Principal(String.valueOf(id), Optional.empty()));
    }

    @Override
    public List<String> configAttributes() {
      return List.of("stack", "registry", "role");
    }
  }
}
