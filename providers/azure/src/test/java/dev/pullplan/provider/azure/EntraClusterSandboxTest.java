package dev.pullplan.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullplan.PullplanException;
import dev.pullplan.spi.ClusterCredentials;
import dev.pullplan.testing.TestRun;
import dev.pullplan.testing.TestStacks;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An AKS cluster with Entra ID and local accounts disabled: its user kubeconfig is a kubelogin
 * exec; pullplan hands the Kubernetes side a kubeconfig with a token it got itself for the AKS
 * server application, which the sandbox's token check accepts — an ARM token it refuses.
 */
class EntraClusterSandboxTest {
  SandboxAzure azure;

  @BeforeEach
  void start(@TempDir Path tmp) {
    azure = new SandboxAzure(tmp);
  }

  @AfterEach
  void stop() {
    azure.close();
  }

  private String kubeconfigFor(String clusterBlock, String aksName) {
    TestRun run = new TestRun(TestStacks.stack().aks(clusterBlock, aksName).build(), azure.environment);
    ClusterCredentials credentials = new AzureProvider().open(run).service(ClusterCredentials.class).orElseThrow();
    return credentials.kubeconfig(run.stack().cluster(clusterBlock)).orElseThrow();
  }

  private static String token(String kubeconfig) {
    Matcher m = Pattern.compile("(?m)^\\s+token: (\\S+)$").matcher(kubeconfig);
    assertThat(m.find()).as("a token in\n" + kubeconfig.replaceAll("token: \\S+", "token: <redacted>")).isTrue();
    return m.group(1);
  }

  @Test
  void theKubeloginExecIsReplacedByAnAksServerTokenFromPullplansOwnLogin() {
    String kubeconfig = kubeconfigFor("entra", "aks-entra");

    assertThat(kubeconfig).doesNotContain("kubelogin").doesNotContain("exec:")
        .contains("server: https://127.0.0.1:6443").contains("- name: clusterUser_rg-dev_aks-entra");
    assertThat(azure.sandbox.aksServerTokenHolder(token(kubeconfig))).contains(azure.sandbox.clientId());
  }

  @Test
  void aTokenForAnotherAudienceIsNotAcceptedByTheClusterCheck() throws Exception {
    String armToken = SdkAccess.connection(azure).accessToken(azure.sandbox.armEndpoint() + ".default").getToken();

    assertThat(azure.sandbox.aksServerTokenHolder(armToken)).isEmpty();
    assertThat(azure.sandbox.aksServerTokenHolder("not-a-token")).isEmpty();
  }

  @Test
  void aClusterWithLocalAccountsKeepsItsKubeconfigAsItCame() {
    assertThat(kubeconfigFor("legacy", "aks-legacy")).isEqualTo(SandboxAzure.KUBECONFIG);
  }

  @Test
  void aKubeloginKubeconfigOfAnotherShapeIsRefusedWithTheWayOut() {
    String odd = SandboxAzure.KUBELOGIN_KUBECONFIG.replace("kind: Config\n", "") + "kind: Config\n";

    assertThatThrownBy(() -> EntraKubeconfig.withToken(odd, "t", "aks-entra"))
        .isInstanceOf(PullplanException.class).hasMessageContaining("kubelogin convert-kubeconfig");
  }
}
