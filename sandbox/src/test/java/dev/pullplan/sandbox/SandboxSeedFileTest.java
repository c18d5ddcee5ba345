package dev.pullplan.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullplan.diag.DiagnosticsException;
import dev.pullplan.sandbox.kube.KubeSeed;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxSeedFileTest {
  @Test
  void readsNamespacesForeignSecretsAndEntriesPerCluster() {
    KubeSeed seed = SandboxSeedFile.parse("sandbox.hcl", """
        cluster "aks-dev" {
          namespace "apps" {
            labels = { team = "apps" }
          }
        }
        cluster "partner" {
          namespace "edge" {}
          foreign_secret "edge" "legacy-pull" {
            server = "registry.partner.example"
          }
          foreign_pull_secret "edge" "default" {
            secret = "legacy-pull"
          }
        }
        """);

    assertThat(seed.namespaces()).containsExactly(
        new KubeSeed.SeedNamespace("aks-dev", "apps", Map.of("team", "apps")),
        new KubeSeed.SeedNamespace("partner", "edge", Map.of()));
    assertThat(seed.foreignSecrets()).containsExactly(
        new KubeSeed.ForeignSecret("partner", "edge", "legacy-pull", "registry.partner.example"));
    assertThat(seed.foreignEntries()).containsExactly(
        new KubeSeed.ForeignPullSecretEntry("partner", "edge", "default", "legacy-pull"));
  }

  @Test
  void unknownBlockIsAnErrorWithItsPosition() {
    assertThatThrownBy(() -> SandboxSeedFile.parse("sandbox.hcl", "cluster \"x\" {\n  namspace \"a\" {}\n}\n"))
        .isInstanceOf(DiagnosticsException.class)
        .hasMessageContaining("sandbox.hcl:2:3: error: unknown block `namspace` in a sandbox cluster");
  }
}
