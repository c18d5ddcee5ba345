package dev.pullplan.provider.azure;

/**
 * A container registry as ARM describes it.
 *
 * @param id the ARM id, which is also the scope of role assignments on the registry
 * @param mode which roles its token server honours
 */
record AcrRegistry(String id, String subscriptionId, String resourceGroup, String name, String loginServer,
    boolean adminUserEnabled, RegistryMode mode) {

  /**
   * A credential's attributes with the login server it logs in to, as ARM answers it (it differs
   * in sovereign clouds and custom domains): the Secrets of a registry without {@code server} carry it.
   */
  java.util.Map<String, Object> withLoginServer(java.util.Map<String, Object> attributes) {
    java.util.Map<String, Object> out = new java.util.LinkedHashMap<>(attributes);
    if (loginServer != null) {
      out.put(SERVER, loginServer);
    }
    return out;
  }

  /** The attribute a credential reports its registry's login server in. */
  static final String SERVER = "server";
}
