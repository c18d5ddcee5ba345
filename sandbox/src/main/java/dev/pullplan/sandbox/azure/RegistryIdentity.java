package dev.pullplan.sandbox.azure;

/** Who a registry login turned out to be, once its password (or refresh token) was accepted. */
sealed interface RegistryIdentity {

  /** The {@code sub} of the registry's access token. */
  String subject();

  /** The registry's admin user ({@code adminUserEnabled}). */
  record Admin(String registryName) implements RegistryIdentity {
    @Override
    public String subject() {
      return registryName;
    }
  }

  /** An ACR token: what it may pull is its scope map's business. */
  record Token(String name) implements RegistryIdentity {
    @Override
    public String subject() {
      return name;
    }
  }

  /** A service principal (by its secret, or by an Entra token exchanged for a refresh token). */
  record Principal(String objectId, String appId) implements RegistryIdentity {
    @Override
    public String subject() {
      return appId;
    }
  }
}
