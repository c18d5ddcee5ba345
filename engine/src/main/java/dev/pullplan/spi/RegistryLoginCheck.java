package dev.pullplan.spi;

import dev.pullplan.address.Address;
import java.util.Optional;

/**
 * Proves that a registry accepts a login before it is written where a kubelet will read it (a
 * pull Secret): offered by the registry provider through {@link ProviderSession#service}, asked by
 * whatever writes credentials, so a rejected password fails that change and no Secret receives it.
 */
public interface RegistryLoginCheck {

  /**
   * Returns when the registry at {@code server} accepts the login and, given a {@code probeImage},
   * lets it read that image; also when the registry cannot be
   * asked (unreachable, throttled), after a warning that says the login was not verified. Throws a
   * {@link dev.pullplan.PullplanException} with the registry's answer when it rejects the
   * credentials or refuses the repository. Repeated calls with the same login are answered once
   * per run.
   *
   * @param secret the resource about to carry the login
   * @param probeImage the image its access names to prove a pull with ({@code probe_image})
   * @param replicates whether the password was issued by a service that replicates it (Entra, ACR):
   *     seconds old, it may be refused for a while, so a refusal is asked again for a bounded time
   */
  void requireAccepted(Address secret, String server, String username, String password, Optional<String> probeImage,
      boolean replicates);
}
