package dev.pullplan.spi;

import dev.pullplan.address.Address;

/**
 * Proves that a registry accepts a login before it is written where a kubelet will read it (a
 * pull Secret): offered by the registry provider through {@link ProviderSession#service}, asked by
 * whatever writes credentials, so a rejected password fails that change and no Secret receives it.
 */
public interface RegistryLoginCheck {

  /**
   * Returns when the registry at {@code server} accepts the login and, when the access of {@code
   * secret} names a {@code probe_image}, lets it read that image; also when the registry cannot be
   * asked (unreachable, throttled), after a warning that says the login was not verified. Throws a
   * {@link dev.pullplan.PullplanException} with the registry's answer when it rejects the
   * credentials or refuses the repository. Repeated calls with the same login are answered once
   * per run.
   *
   * @param secret the resource about to carry the login; its access block gives the probe image and
   *     the credential type (a credential Azure made seconds ago may need to replicate first)
   */
  void requireAccepted(Address secret, String server, String username, String password);
}
