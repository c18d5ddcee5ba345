package dev.pullplan.provider.kubernetes;

import dev.pullplan.expand.ResourceTypes;
import dev.pullplan.spi.Provider;
import dev.pullplan.spi.ProviderSession;
import dev.pullplan.spi.RunContext;
import java.util.Set;

/** Namespaces, dockerconfigjson Secrets and ServiceAccount pull-secret entries, with fabric8. */
public final class KubernetesProvider implements Provider {

  @Override
  public String name() {
    return "kubernetes";
  }

  @Override
  public Set<String> resourceTypes() {
    return Set.of(ResourceTypes.K8S_NAMESPACE, ResourceTypes.K8S_SECRET, ResourceTypes.K8S_SA_PULL_SECRET);
  }

  @Override
  public ProviderSession open(RunContext context) {
    return new KubernetesSession(context, KubernetesSession.SERVICE_ACCOUNT_WAIT);
  }
}
