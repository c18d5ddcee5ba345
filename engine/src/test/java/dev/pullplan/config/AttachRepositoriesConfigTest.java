package dev.pullplan.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pullplan.diag.Diagnostic;
import dev.pullplan.diag.DiagnosticsException;
import dev.pullplan.expand.DesiredResource;
import dev.pullplan.expand.Expander;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code repositories} on an {@code attach} access (it has no credential block): the kubelet
 * identity's grant carries them; the provider decides whether the registry's mode can honour them.
 */
class AttachRepositoriesConfigTest {
  private static final String HEAD = """
      registry "shared" {
        acr {
          name           = "pullplandemo"
          resource_group = "rg-registry"
        }
      }
      cluster "dev" {
        aks {
          name           = "aks-dev"
          resource_group = "rg-dev"
        }
      }
      """;

  @TempDir Path dir;

  private List<DesiredResource> expand(String access) throws IOException {
    Files.writeString(dir.resolve("main.pullplan.hcl"), HEAD + access);
    var stack = new ConfigLoader("/home/user").load(dir, VariableInputs.none()).stack();
    return new Expander(stack, "s", a -> Set.of(), dev.pullplan.expand.Derivation.NONE).expand().resources();
  }

  private List<String> errors(String access) throws IOException {
    Files.writeString(dir.resolve("main.pullplan.hcl"), HEAD + access);
    return catchThrowableOfType(() -> new ConfigLoader("/home/user").load(dir, VariableInputs.none()),
        DiagnosticsException.class).diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::message).toList();
  }

  @Test
  void theAttachGrantCarriesTheRepositories() throws IOException {
    List<DesiredResource> out = expand("""
        access "dev" {
          registry     = registry.shared
          cluster      = cluster.dev
          mode         = "attach"
          repositories = ["edge/*", "tools/cli"]
        }
        """);

    assertThat(out).singleElement().satisfies(r -> assertThat(r.attributes())
        .containsEntry("repositories", List.of("edge/*", "tools/cli")));
  }

  @Test
  void anAttachWithoutRepositoriesIsRegistryWideAsBefore() throws IOException {
    List<DesiredResource> out = expand("""
        access "dev" {
          registry = registry.shared
          cluster  = cluster.dev
          mode     = "attach"
        }
        """);

    assertThat(out).singleElement().satisfies(r -> assertThat(r.attributes()).doesNotContainKey("repositories"));
  }

  @Test
  void anInvalidRepositoryAndRepositoriesOutsideTheCredentialOfAnotherModeAreErrors() throws IOException {
    assertThat(errors("""
        access "dev" {
          registry     = registry.shared
          cluster      = cluster.dev
          mode         = "attach"
          repositories = ["Edge:latest"]
        }
        """)).containsExactly("invalid repository \"Edge:latest\"");
    assertThat(errors("""
        access "dev" {
          registry     = registry.shared
          cluster      = cluster.dev
          mode         = "pull_secret"
          namespaces   = ["apps"]
          repositories = ["edge/sim"]
        }
        """)).containsExactly("`repositories` of mode \"pull_secret\" belongs in its credential block");
  }
}
