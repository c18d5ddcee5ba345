package dev.pullplan.provider.registry;

import dev.pullplan.expand.ResourceTypes;
import dev.pullplan.spi.Provider;
import dev.pullplan.spi.ProviderSession;
import dev.pullplan.spi.ResourceHandler;
import dev.pullplan.spi.RunContext;
import java.util.Set;

/** Registries outside Azure: credentials the user supplies ({@code external_credential}). */
public final class RegistryProvider implements Provider {

  @Override
  public String name() {
    return "registry";
  }

  @Override
  public Set<String> resourceTypes() {
    return Set.of(ResourceTypes.EXTERNAL_CREDENTIAL);
  }

  @Override
  public ProviderSession open(RunContext context) {
    ExternalCredentialHandler handler = new ExternalCredentialHandler(context);
    return new ProviderSession() {
      @Override
      public ResourceHandler handler(String type) {
        if (!ResourceTypes.EXTERNAL_CREDENTIAL.equals(type)) {
          throw new IllegalArgumentException("the registry provider has no resource type " + type);
        }
        return handler;
      }
    };
  }
}
