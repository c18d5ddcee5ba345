package dev.pullplan.model;

import dev.pullplan.diag.Position;
import java.util.Locale;
import java.util.Optional;

/** A {@code registry} block: an Azure Container Registry, or any other registry by server name. */
public record Registry(String name, Optional<AzureResourceRef> acr, Optional<String> server, Position origin) {

  /** The login server images are pulled from, e.g. {@code mycompany.azurecr.io}. */
  public String loginServer() {
    return server.orElseGet(() -> acr.orElseThrow().name().toLowerCase(Locale.ROOT) + ".azurecr.io");
  }

  public boolean isAcr() {
    return acr.isPresent();
  }
}
