package dev.pullplan.provider.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

/** A refusal names who was refused what, as the API server said it, and how to check a fix. */
class ApiErrorsTest {
  private static final java.time.Duration HEADERS_WAIT = java.time.Duration.ofSeconds(10);
  private static final String WHERE = "cluster \"dev\" (context aks-dev, https://aks-dev.example)";

  private static KubernetesApiException translate(String action, KubernetesClientException e) {
    return ApiErrors.translate(WHERE, action, java.util.Optional.empty(), HEADERS_WAIT, e);
  }

  private static KubernetesClientException refused(int code, String message) {
    return new KubernetesClientException(new StatusBuilder().withCode(code).withMessage(message).build());
  }

  @Test
  void aForbiddenCreateNamesTheUserTheVerbTheResourceAndTheNamespace() {
    String user = "6f1c0f0e-0000-4000-8000-00000000f001";
    KubernetesApiException e = translate("create secrets in namespace apps", refused(403,
        "secrets is forbidden: User \"" + user + "\" cannot create resource \"secrets\" in API group \"\" in the namespace \"apps\""));

    assertThat(e.getMessage()).startsWith(WHERE + ": create secrets in namespace apps is forbidden: ")
        .contains("Kubernetes RBAC does not let user \"" + user + "\" create secrets in namespace \"apps\" (403 Forbidden)")
        .contains("object id of the identity pullplan signs in to Azure with")
        .contains("a Role with \"create\" on secrets")
        .endsWith("kubectl auth can-i create secrets -n apps --as " + user);
  }

  @Test
  void aForbiddenClusterWideListAsksForAClusterRole() {
    KubernetesApiException e = translate("list namespaces", refused(403,
        "namespaces is forbidden: User \"robot\" cannot list resource \"namespaces\" in API group \"\" at the cluster scope"));

    assertThat(e.getMessage()).contains("does not let user \"robot\" list namespaces at the cluster scope", "ClusterRole")
        .endsWith("kubectl auth can-i list namespaces --as robot");
  }

  @Test
  void aForbiddenWithoutRbacDetailStillSaysRbacRefusedAndQuotesTheServer() {
    KubernetesApiException e = translate("list secrets", refused(403, "denied by policy"));

    assertThat(e.getMessage()).contains("Kubernetes RBAC refused the user of this kubeconfig (403 Forbidden: denied by policy)");
  }

  @Test
  void anUnauthorizedSaysTheCredentialsAreInvalidAndWhatAnEntraClusterNeeds() {
    KubernetesApiException e = translate("list secrets", refused(401, "Unauthorized"));

    assertThat(e.getMessage()).contains("credentials are invalid or expired (401 Unauthorized: Unauthorized)",
        "a token for the AKS server application");
  }
}
