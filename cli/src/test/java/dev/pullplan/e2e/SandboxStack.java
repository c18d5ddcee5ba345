package dev.pullplan.e2e;

/** Config text the e2e stacks share, naming what the sandbox seeds. */
final class SandboxStack {
  /**
   * The subscription variable (the sandbox's environment sets it), the azure provider and the
   * seeded ACR {@code pullplandemo} as {@code registry.shared}, followed by a blank line.
   */
  static final String SHARED_ACR = """
      variable "subscription_id" {
        type = string
      }

      provider "azure" {
        subscription_id = var.subscription_id
      }

      registry "shared" {
        acr {
          name           = "pullplandemo"
          resource_group = "rg-registry"
        }
      }

      """;

  private SandboxStack() {}
}
