package dev.pullplan.provider.registry;

import dev.pullplan.expand.ResourceTypes;
import dev.pullplan.spi.Provider;
import dev.pullplan.spi.ProviderSession;
import dev.pullplan.spi.RegistryLoginCheck;
import dev.pullplan.spi.ResourceHandler;
import dev.pullplan.spi.RunContext;
import java.util.Optional;
import java.util.Set;

/**
 * Registries themselves: credentials the user supplies ({@code external_credential}), and the
 * {@link RegistryLoginCheck} that proves a login works before a Secret receives it.
 */
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
    PullCheck check = new PullCheck(context, RegistryClient.withDefaults(context.httpLog()), PullCheck.REPLICATION_WAIT);
    return new ProviderSession() {
      @Override
      public <T> Optional<T> service(Class<T> type) {
        return type == RegistryLoginCheck.class ? Optional.of(type.cast(check)) : Optional.empty();
      }

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
