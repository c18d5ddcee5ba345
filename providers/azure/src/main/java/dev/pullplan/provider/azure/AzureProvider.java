package dev.pullplan.provider.azure;

import dev.pullplan.spi.Provider;
import dev.pullplan.spi.ProviderSession;
import dev.pullplan.spi.RunContext;
import java.util.Set;

/**
 * Azure: AcrPull role assignments ({@code attach} and for service principals), Entra service
 * principals with passwords, ACR scope maps and tokens, and AKS user credentials for clusters
 * without a kubeconfig. Talks to ARM and Microsoft Graph through the Azure SDK.
 */
public final class AzureProvider implements Provider {

  @Override
  public String name() {
    return "azure";
  }

  @Override
  public Set<String> resourceTypes() {
    return AzureSession.types();
  }

  @Override
  public java.util.List<String> settings() {
    return AzureSettings.names();
  }

  /** Cheap: reads settings only; the SDK clients are built on the first call that needs one. */
  @Override
  public ProviderSession open(RunContext context) {
    return new AzureSession(context);
  }
}
