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
  void readsPodsWithTheirStateAndPullError() {
    KubeSeed seed = SandboxSeedFile.parse("sandbox.hcl", """
        cluster "partner" {
          namespace "edge" {}
          pod "edge" "web" {
            image           = "registry.partner.example/web:1.4"
            service_account = "robot"
            state           = "ImagePullBackOff"
            error           = "not_found"
          }
          pod "edge" "ok" {
            image = "registry.partner.example/ok:1"
          }
        }
        """);

    assertThat(seed.pods()).containsExactly(
        new KubeSeed.SeedPod("partner", "edge", "web", "registry.partner.example/web:1.4", "robot",
            KubeSeed.PodState.IMAGE_PULL_BACK_OFF, KubeSeed.PullError.NOT_FOUND),
        new KubeSeed.SeedPod("partner", "edge", "ok", "registry.partner.example/ok:1", "default",
            KubeSeed.PodState.RUNNING, KubeSeed.PullError.UNAUTHORIZED));
  }

  @Test
  void anUnknownPodStateIsAnErrorNamingTheKnownOnes() {
    assertThatThrownBy(() -> SandboxSeedFile.parse("sandbox.hcl",
        "cluster \"x\" {\n  pod \"a\" \"b\" {\n    image = \"i\"\n    state = \"Crashing\"\n  }\n}\n"))
        .isInstanceOf(DiagnosticsException.class)
        .hasMessageContaining("unknown pod state \"Crashing\"").hasMessageContaining("ImagePullBackOff");
  }

  @Test
  void unknownBlockIsAnErrorWithItsPosition() {
    assertThatThrownBy(() -> SandboxSeedFile.parse("sandbox.hcl", "cluster \"x\" {\n  namspace \"a\" {}\n}\n"))
        .isInstanceOf(DiagnosticsException.class)
        .hasMessageContaining("sandbox.hcl:2:3: error: unknown block `namspace` in a sandbox cluster");
  }
}
