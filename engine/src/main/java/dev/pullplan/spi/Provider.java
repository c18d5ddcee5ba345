package dev.pullplan.spi;

import java.util.Set;

/**
 * A plug-in that manages some resource types. Found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.pullplan.spi.Provider}); the engine never names a provider's
 * classes. A provider knows nothing of the command line.
 */
public interface Provider {

  /** Short name recorded in state, e.g. {@code kubernetes}. */
  String name();

  /** The resource types this provider handles, e.g. {@code k8s_secret}. */
  Set<String> resourceTypes();

  /**
   * The settings its {@code provider "NAME" {}} block may hold, in the order documented: the
   * provider owns them (as Terraform's {@code GetProviderSchema}); the engine checks a block
   * against them and hands the values over as written.
   */
  default java.util.List<String> settings() {
    return java.util.List.of();
  }

  /**
   * Opens a session for one run (plan, apply, drift...). Must be cheap: clients are built lazily,
   * on the first call that needs them, so commands that never reach a cluster never pay for one.
   */
  ProviderSession open(RunContext context);
}
