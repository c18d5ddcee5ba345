package dev.pullplan.model;

import java.util.Optional;

/** An Azure resource named by name + resource group (+ subscription, else the provider's). */
public record AzureResourceRef(String name, String resourceGroup, Optional<String> subscriptionId) {}
