package dev.pullplan.provider.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

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
}
