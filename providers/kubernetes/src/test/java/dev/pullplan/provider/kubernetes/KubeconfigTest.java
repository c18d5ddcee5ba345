package dev.pullplan.provider.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigTest {
  @TempDir Path dir;

  @Test
  void insideAPodWithoutKubeconfigTheServiceAccountIsUsed() throws Exception {
    Path sa = Files.createDirectories(dir.resolve("sa"));
    Files.writeString(sa.resolve("token"), "pod-token\n");
    Files.writeString(sa.resolve("namespace"), "pullplan");
    Files.writeString(sa.resolve("ca.crt"), "");
    Map<String, String> env = Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1", "KUBERNETES_SERVICE_PORT", "6443");

    Kubeconfig k = Kubeconfig.inCluster(env, sa, "the kubernetes backend");
    Config config = k.clientConfig(Optional.empty(), "the kubernetes backend");

    assertThat(config.getMasterUrl()).startsWith("https://10.0.0.1:6443");
    assertThat(config.getNamespace()).isEqualTo("pullplan");
    assertThat(k.toString()).doesNotContain("pod-token");
  }

  @Test
  void eachClientConfigOfOneKubeconfigFindsItsOwnContextAndAMissingOneIsNamedWithThoseItHas() {
    Kubeconfig k = new Kubeconfig(twoContexts(), Optional.empty(), "the test kubeconfig");

    assertThat(k.clientConfig(Optional.of("a"), "cluster \"a\"").getMasterUrl()).startsWith("https://10.0.0.1");
    assertThat(k.clientConfig(Optional.of("b"), "cluster \"b\"").getMasterUrl()).startsWith("https://10.0.0.2");
    assertThatThrownBy(() -> k.clientConfig(Optional.of("c"), "cluster \"c\""))
        .hasMessage("cluster \"c\": context \"c\" is not in the test kubeconfig (it has: a, b)");
  }

  @Test
  void aCertificateFileNamedRelativelyIsFoundBesideTheKubeconfig() throws Exception {
    Path file = dir.resolve("fleet.yaml");
    Files.writeString(file, twoContexts().replace("    server: https://10.0.0.2:6443\n",
        "    server: https://10.0.0.2:6443\n    certificate-authority: certs/b-ca.crt\n"));
    Kubeconfig k = Kubeconfig.read(file, "cluster \"b\"");

    Config config = k.clientConfig(Optional.of("b"), "cluster \"b\"");

    assertThat(Path.of(config.getCaCertFile())).isEqualTo(dir.resolve("certs/b-ca.crt").toAbsolutePath());
  }

  @Test
  void aKubeconfigReadAfterAnotherAnswersWithItsOwnContexts() {
    Kubeconfig first = new Kubeconfig(twoContexts(), Optional.empty(), "the first kubeconfig");
    Kubeconfig second = new Kubeconfig(twoContexts().replace("10.0.0.1", "10.0.9.1"), Optional.empty(),
        "the second kubeconfig");

    assertThat(first.clientConfig(Optional.of("a"), "cluster \"a\"").getMasterUrl()).startsWith("https://10.0.0.1");
    assertThat(second.clientConfig(Optional.of("a"), "cluster \"a\"").getMasterUrl()).startsWith("https://10.0.9.1");
    assertThat(first.clientConfig(Optional.of("a"), "cluster \"a\"").getMasterUrl()).startsWith("https://10.0.0.1");
  }

  @Test
  void anEmptyKubeconfigIsNamedSo() {
    Kubeconfig k = new Kubeconfig("", Optional.empty(), "the test kubeconfig");

    assertThatThrownBy(() -> k.clientConfig(Optional.empty(), "cluster \"a\""))
        .hasMessage("cluster \"a\": the test kubeconfig is empty");
  }

  @Test
  void textThatIsNotAKubeconfigIsNamedSo() {
    Kubeconfig k = new Kubeconfig("clusters: [unclosed", Optional.empty(), "the test kubeconfig");

    assertThatThrownBy(() -> k.clientConfig(Optional.empty(), "cluster \"a\""))
        .hasMessage("cluster \"a\": the test kubeconfig is not a valid kubeconfig");
  }

  private static String twoContexts() {
    StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Config\nclusters:\n");
    for (String n : new String[] {"a", "b"}) {
      yaml.append("- name: ").append(n).append("\n  cluster:\n    server: https://10.0.0.")
          .append(n.equals("a") ? 1 : 2).append(":6443\n");
    }
    yaml.append("users:\n- name: u\n  user:\n    token: t\ncontexts:\n");
    for (String n : new String[] {"a", "b"}) {
      yaml.append("- name: ").append(n).append("\n  context:\n    cluster: ").append(n).append("\n    user: u\n");
    }
    return yaml.append("current-context: a\n").toString();
  }
}
