package dev.pullplan.model;

import dev.pullplan.diag.Position;
import java.util.Optional;

/**
 * A {@code registry} block: an Azure Container Registry, or any other registry by server name.
 * An ACR without {@code server} has no login server the config knows: its provider reads it
 * (ARM's {@code loginServer}, which differs in sovereign clouds) and reports it on the credential.
 */
public record Registry(String name, Optional<AzureResourceRef> acr, Optional<String> server, Position origin) {

  /** The login server images are pulled from, when the config states it (always for a non-ACR registry). */
  public Optional<String> loginServer() {
    return server;
  }

  public boolean isAcr() {
    return acr.isPresent();
  }
}
