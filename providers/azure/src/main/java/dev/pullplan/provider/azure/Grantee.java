package dev.pullplan.provider.azure;

import dev.pullplan.expand.Expander;
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

  /** Who the recorded grant is for now (verify's role check); the recorded principal when nothing newer is known. */
  default Principal current(dev.pullplan.spi.ResourceState recorded) {
    return Principal.recorded(recorded);
  }

  record Principal(String objectId, Optional<String> description) {
    /** The principal the grant was recorded for. */
    static Principal recorded(dev.pullplan.spi.ResourceState recorded) {
      return new Principal(recorded.string("principal_id"),
          Optional.ofNullable(recorded.attributes().get("principal_name")).map(String::valueOf));
    }

    /** "kubelet identity aks-dev-agentpool (objectId …)", for people. */
    String named() {
      return description.orElse("principal") + " (objectId " + objectId + ")";
    }
  }

  /** {@code azure_acr_attach}: the kubelet identity (or legacy service principal) of the cluster. */
  record ClusterIdentity(AzureResources resources) implements Grantee {
    @Override
    public Optional<Principal> resolve(Desired desired) {
      AksCluster cluster = resources.cluster(desired.string(Expander.AKS));
      return Optional.of(new Principal(cluster.pullerObjectId(), Optional.of(cluster.pullerName())));
    }

    @Override
    public List<String> configAttributes() {
      return List.of("stack", "registry", "cluster", "role");
    }

    /**
     * The pulling identity of the recorded cluster as AKS reports it now: it changes when the cluster
     * is rebuilt. State written before the cluster was recorded ({@code aks}) has only the principal.
     */
    @Override
    public Principal current(dev.pullplan.spi.ResourceState recorded) {
      Object aks = recorded.attributes().get(Expander.AKS);
      if (aks == null) {
        return Grantee.super.current(recorded);
      }
      AksCluster cluster = resources.cluster(String.valueOf(aks));
      return new Principal(cluster.pullerObjectId(), Optional.of(cluster.pullerName()));
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
