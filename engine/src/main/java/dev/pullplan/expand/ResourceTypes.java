package dev.pullplan.expand;

/**
 * The resource types an access expands into, and the attributes the expansion gives each. This
 * is the contract between the engine's expansion and the providers that implement the types.
 *
 * <p>Every type gets {@code stack} (the stack name) so objects can be labelled with it. Cluster and
 * registry attributes name config blocks; a handler looks the block up in {@code
 * RunContext.stack()} for connection details. What a provider's API needs beyond these facts
 * (names in the characters it allows, the role that grants pull) the provider derives
 * ({@code ResourceHandler#derived}); the engine knows none of it.
 */
public final class ResourceTypes {
  private ResourceTypes() {}

  /**
   * A namespace pullplan creates ({@code namespace} block with {@code create = true}).
   * Attributes: {@code cluster}, {@code name}, {@code labels} (map).
   */
  public static final String K8S_NAMESPACE = "k8s_namespace";

  /**
   * A {@code kubernetes.io/dockerconfigjson} Secret. Attributes: {@code cluster}, {@code namespace},
   * {@code name}, {@code server}, {@code username}; sensitive: {@code password}.
   */
  public static final String K8S_SECRET = "k8s_secret";

  /**
   * "ServiceAccount S in namespace N lists secret X in imagePullSecrets". Attributes:
   * {@code cluster}, {@code namespace}, {@code service_account}, {@code secret_name}.
   */
  public static final String K8S_SA_PULL_SECRET = "k8s_sa_pull_secret";

  /**
   * Username/password supplied by the user. Attributes: {@code registry}, {@code server},
   * {@code username}, and one of {@code password_env} / {@code password_file}. Sensitive and
   * ephemeral (kept only in encrypted state): {@code password}, {@code fingerprint}.
   */
  public static final String EXTERNAL_CREDENTIAL = "external_credential";

  /**
   * Entra application + service principal + password. Attributes: {@code registry},
   * {@code expires_after}; the provider derives {@code display_name} (e.g. "90d"). State adds {@code app_id},
   * {@code object_id}, {@code key_id}, {@code username} (= app id), {@code created_at},
   * {@code expires_at}; sensitive: {@code password}.
   */
  public static final String AZURE_SERVICE_PRINCIPAL = "azure_service_principal";

  /**
   * A pull role for a credential's principal at the registry scope. Attributes: {@code registry},
   * {@code principal_id}, {@code repositories}; the provider derives {@code role}. State adds {@code name}, {@code scope}.
   */
  public static final String AZURE_ROLE_ASSIGNMENT = "azure_role_assignment";

  /**
   * A pull role for an AKS cluster's kubelet identity at the registry scope ({@code attach}).
   * Attributes: {@code registry}, {@code cluster}; the provider derives {@code role}. State adds {@code principal_id},
   * {@code principal_name}, {@code name}, {@code scope}.
   */
  public static final String AZURE_ACR_ATTACH = "azure_acr_attach";

  /**
   * An ACR scope map. Attributes: {@code registry}, {@code repositories} (list); the provider
   * derives {@code name}.
   * State adds {@code scope_map_id}.
   */
  public static final String ACR_SCOPE_MAP = "acr_scope_map";

  /**
   * An ACR token with a generated password. Attributes: {@code registry}, {@code scope_map_id},
   * {@code expires_after}; the provider derives {@code name}. State adds {@code username}, {@code password_name},
   * {@code created_at}, {@code expires_at}; sensitive: {@code password}.
   */
  public static final String ACR_TOKEN = "acr_token";
}
