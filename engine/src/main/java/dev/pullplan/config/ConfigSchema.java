package dev.pullplan.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The blocks of the language and what each may hold; checked names come from here only. */
final class ConfigSchema {
  private ConfigSchema() {}

  /** The stack's own settings, unlabelled, as Terraform's {@code terraform {}} block. */
  static final String SETTINGS = "pullplan";
  static final String VARIABLE = "variable";
  static final String PROVIDER = "provider";
  static final String BACKEND = "backend";
  static final String REGISTRY = "registry";
  static final String CLUSTER = "cluster";
  static final String NAMESPACE = "namespace";
  static final String ACCESS = "access";
  static final String OUTPUT = "output";
  /** Named values computed once, read as {@code local.NAME}; unlabelled, any number of blocks. */
  static final String LOCALS = "locals";
  /** {@code moved { from = ... to = ... }}: a block renamed or re-keyed keeps its objects; unlabelled. */
  static final String MOVED = "moved";
  /** The attribute that repeats a block once per key, see {@link BlockInstances}. */
  static final String FOR_EACH = "for_each";

  /** Top-level block kinds in the order they are documented. */
  static final List<String> KINDS = List.of(SETTINGS, VARIABLE, LOCALS, PROVIDER, BACKEND, REGISTRY, CLUSTER, NAMESPACE,
      ACCESS, OUTPUT, MOVED);

  /** Kinds of block that take {@code for_each}. */
  static final List<String> REPEATABLE = List.of(CLUSTER, NAMESPACE, ACCESS);

  /** Unlabelled kinds that may be written any number of times. */
  static final List<String> UNLABELLED_REPEATED = List.of(LOCALS, MOVED);

  private static final BlockSchema AZURE_REF =
      BlockSchema.of(List.of("name", "resource_group", "subscription_id"), List.of("name", "resource_group"));

  static final Map<String, BlockSchema> BACKENDS = Map.of(
      "local", BlockSchema.of(List.of("path"), List.of()),
      "kubernetes", BlockSchema.open(),
      "git", BlockSchema.open());

  static final BlockSchema CREDENTIAL = BlockSchema.of(List.of("type", "repositories", "expires_after", "rotate_after",
      "renew_before", "username", "password_env", "password_file"), List.of());

  private static final Map<String, BlockSchema> FIXED = Map.of(
      SETTINGS, BlockSchema.of(List.of("stack"), List.of()),
      VARIABLE, BlockSchema.of(List.of("type", "description", "default", "sensitive"), List.of()),
      REGISTRY, BlockSchema.of(List.of("server"), List.of()).withBlock("acr", AZURE_REF),
      CLUSTER, BlockSchema.of(List.of("kubeconfig", "context"), List.of()).withBlock("aks", AZURE_REF),
      NAMESPACE, BlockSchema.of(List.of("cluster", "name", "create", "labels"), List.of("cluster")),
      ACCESS, BlockSchema.of(List.of("registry", "cluster", "mode", "namespaces", "namespace_selector",
              "service_accounts", "secret_name", "probe_image", "repositories"), List.of("registry", "cluster", "mode"))
          .withBlock("credential", CREDENTIAL),
      OUTPUT, BlockSchema.of(List.of("value", "description", "sensitive"), List.of("value")),
      MOVED, BlockSchema.of(List.of("from", "to"), List.of("from", "to")),
      LOCALS, BlockSchema.open());

  /**
   * The schema of a top-level block, which for backends depends on its label; empty for a kind
   * or label the language does not know. A provider's block is the provider's ({@link ProviderSchemas}).
   */
  static Optional<BlockSchema> of(String kind, String label) {
    switch (kind) {
      case BACKEND:
        return Optional.ofNullable(BACKENDS.get(label));
      default:
        return Optional.ofNullable(FIXED.get(kind));
    }
  }
}
