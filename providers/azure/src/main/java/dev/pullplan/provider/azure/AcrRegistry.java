package dev.pullplan.provider.azure;

/**
 * A container registry as ARM describes it.
 *
 * @param id the ARM id, which is also the scope of role assignments on the registry
 * @param mode which roles its token server honours
 */
record AcrRegistry(String id, String subscriptionId, String resourceGroup, String name, String loginServer,
    boolean adminUserEnabled, RegistryMode mode) {}
