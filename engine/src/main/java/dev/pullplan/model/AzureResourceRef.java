package dev.pullplan.model;

import java.util.Optional;

/** An Azure resource named by name + resource group (+ subscription, else the provider's). */
public record AzureResourceRef(String name, String resourceGroup, Optional<String> subscriptionId) {

  /** The ref as one attribute value, {@code [subscription/]resource-group/name}: how the engine hands it to Azure. */
  public String text() {
    return subscriptionId.map(s -> s + "/").orElse("") + resourceGroup + "/" + name;
  }

  /** Reads {@link #text()} back. */
  public static AzureResourceRef parse(String text) {
    String[] parts = text.split("/", -1);
    return switch (parts.length) {
      case 2 -> new AzureResourceRef(parts[1], parts[0], Optional.empty());
      case 3 -> new AzureResourceRef(parts[2], parts[1], Optional.of(parts[0]));
      default -> throw new IllegalArgumentException("not [subscription/]resource-group/name: " + text);
    };
  }
}
