package dev.pullplan.provider.azure;

import dev.pullplan.PullplanException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where Azure is and who we are there: the {@code provider "azure"} block, each setting falling
 * back to its environment variable. Custom endpoints and a CA file are how private and sovereign
 * clouds (and the sandbox) are reached; without them the public cloud is used.
 */
public record AzureSettings(
    Optional<String> subscriptionId,
    Optional<String> tenantId,
    Optional<String> armEndpoint,
    Optional<String> graphEndpoint,
    Optional<String> authorityHost,
    Optional<Path> caFile) {

  /** Setting name in the provider block, and the environment variable it falls back to. */
  enum Setting {
    SUBSCRIPTION_ID("subscription_id", "AZURE_SUBSCRIPTION_ID"),
    TENANT_ID("tenant_id", "AZURE_TENANT_ID"),
    ENDPOINT("endpoint", "PULLPLAN_AZURE_ENDPOINT"),
    GRAPH_ENDPOINT("graph_endpoint", "PULLPLAN_AZURE_GRAPH_ENDPOINT"),
    AUTHORITY_HOST("authority_host", "AZURE_AUTHORITY_HOST"),
    CA_FILE("ca_file", "PULLPLAN_AZURE_CA_FILE");

    final String key;
    final String variable;

    Setting(String key, String variable) {
      this.key = key;
      this.variable = variable;
    }
  }

  /** What a {@code provider "azure"} block may set. */
  static java.util.List<String> names() {
    return java.util.Arrays.stream(Setting.values()).map(s -> s.key).toList();
  }

  /** @param settings those of the {@code provider "azure"} block, empty without one */
  public static AzureSettings resolve(Map<String, String> settings, Map<String, String> environment, Path configDir) {
    java.util.function.Function<Setting, Optional<String>> value = s -> Optional.ofNullable(settings.get(s.key))
        .or(() -> Optional.ofNullable(environment.get(s.variable)))
        .map(String::trim)
        .filter(v -> !v.isEmpty());
    return new AzureSettings(
        value.apply(Setting.SUBSCRIPTION_ID),
        value.apply(Setting.TENANT_ID),
        value.apply(Setting.ENDPOINT).map(AzureSettings::withSlash),
        value.apply(Setting.GRAPH_ENDPOINT).map(AzureSettings::withSlash),
        value.apply(Setting.AUTHORITY_HOST).map(AzureSettings::withSlash),
        value.apply(Setting.CA_FILE).map(configDir::resolve));
  }

  /** The subscription of registries and clusters that do not name their own. */
  public String requireSubscription() {
    return subscriptionId.orElseThrow(() -> new PullplanException(
        "no Azure subscription: set subscription_id in the provider \"azure\" block or AZURE_SUBSCRIPTION_ID"));
  }

  /** Whether the login goes somewhere other than the public cloud's Entra ID. */
  public boolean customAuthority() {
    return authorityHost.isPresent();
  }

  // the SDK joins paths onto these without adding a separator
  private static String withSlash(String url) {
    return url.endsWith("/") ? url : url + "/";
  }
}
