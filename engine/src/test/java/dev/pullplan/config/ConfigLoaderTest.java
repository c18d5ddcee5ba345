package dev.pullplan.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pullplan.context.ProviderRegistry;
import dev.pullplan.diag.DiagnosticsException;
import dev.pullplan.diag.Position;
import dev.pullplan.model.Access;
import dev.pullplan.model.AccessMode;
import dev.pullplan.model.CredentialType;
import dev.pullplan.model.Stack;
import dev.pullplan.testing.InMemoryProvider;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final String ACR = """
      registry "shared" {
        acr {
          name           = "PullplanDemo"
          resource_group = "rg-registry"
        }
      }
      """;
  private static final String AKS = """
      cluster "dev" {
        aks {
          name           = "aks-dev"
          resource_group = "rg-dev"
        }
      }
      """;

  @TempDir
  Path dir;

  private Stack load(String config) throws IOException {
    return load(config, VariableInputs.none());
  }

  private Stack load(String config, VariableInputs inputs) throws IOException {
    Files.writeString(dir.resolve("main.pullplan.hcl"), config);
    return new ConfigLoader("/home/user").load(dir, inputs).stack();
  }

  private static VariableInputs vars(String... assignments) {
    return new VariableInputs(List.of(assignments), List.of(), Map.of());
  }

  @Test
  void quickstartPinsTheModel() {
    Stack stack = new ConfigLoader("/home/user").load(ExamplesTest.EXAMPLES.resolve("quickstart"), ExamplesTest.SANDBOX).stack();

    assertThat(stack.providers().get("azure").setting("subscription_id")).contains("00000000-0000-0000-0000-000000000000");
    // an ACR without `server`: the Azure provider reads its login server from ARM
    assertThat(stack.registry("shared").loginServer()).isEmpty();
    assertThat(stack.cluster("dev").isAks()).isTrue();
    assertThat(stack.cluster("partner").context()).contains("partner");
    assertThat(stack.cluster("partner").kubeconfig()).isEmpty();
    assertThat(stack.accesses().keySet()).containsExactly("dev_attach", "team_apps", "partner_edge");
    assertThat(stack.accesses().get("dev_attach").mode()).isEqualTo(AccessMode.ATTACH);

    Access team = stack.accesses().get("team_apps");
    assertThat(team.serviceAccounts()).containsExactly("default");
    assertThat(team.secretName()).isEqualTo("pullplan-shared");
    assertThat(team.credential().type()).isEqualTo(CredentialType.SERVICE_PRINCIPAL);
    assertThat(team.credential().expiresAfter().orElseThrow().duration()).isEqualTo(Duration.ofDays(90));
    assertThat(team.credential().rotateAfter().orElseThrow().text()).isEqualTo("60d");

    Access partner = stack.accesses().get("partner_edge");
    assertThat(partner.credential().repositories()).containsExactly("edge/sim");
    assertThat(partner.credential().renewBefore().orElseThrow().duration()).isEqualTo(Duration.ofDays(7));
    assertThat(partner.probeImage()).contains("edge/sim:1.0");
    assertThat(partner.serviceAccounts()).isEmpty();
    assertThat(stack.outputs().get("partner_secret").value()).isEqualTo("pullplan-shared");
    assertThat(stack.digest()).hasSize(64);
  }

  @Test
  void blocksAreNotedWithTheirPositions() throws IOException {
    Stack stack = load(ACR + "\n" + AKS);

    assertThat(stack.registry("shared").origin()).isEqualTo(new Position("main.pullplan.hcl", 1, 1));
    assertThat(stack.cluster("dev").origin()).isEqualTo(new Position("main.pullplan.hcl", 8, 1));
  }

  @Test
  void namespaceBlockDefaultsToItsOwnNameAndNoCreate() throws IOException {
    Stack stack = load(AKS + """
        namespace "edge" {
          cluster = cluster.dev
        }
        """);

    assertThat(stack.namespaces().get("edge").name()).isEqualTo("edge");
    assertThat(stack.namespaces().get("edge").create()).isFalse();
    assertThat(stack.namespaces().get("edge").cluster()).isEqualTo("dev");
    assertThat(stack.namespaces().get("edge").labels()).isEmpty();
  }

  @Test
  void accessResolvesNamespaceReferencesAndInterpolations() throws IOException {
    Stack stack = load(ACR.replace("registry \"shared\" {", "registry \"shared\" {\n  server = \"pullplandemo.azurecr.io\"")
        + AKS + """
        variable "image_prefix" {
          default = "edge"
        }
        namespace "robotics" {
          cluster = cluster.dev
          name    = "robotics-prod"
        }
        access "edge" {
          registry    = registry.shared
          cluster     = cluster.dev
          mode        = "pull_secret"
          namespaces  = ["edge", namespace.robotics.name]
          probe_image = "${var.image_prefix}/sim:1.4"
          secret_name = "acr-${registry.shared.server}"
        }
        """);

    Access edge = stack.accesses().get("edge");
    assertThat(edge.namespaces()).containsExactly("edge", "robotics-prod");
    assertThat(edge.probeImage()).contains("edge/sim:1.4");
    assertThat(edge.secretName()).isEqualTo("acr-pullplandemo.azurecr.io");
    assertThat(edge.credential().type()).isEqualTo(CredentialType.SERVICE_PRINCIPAL);
  }

  @Test
  void defaultSecretNameTurnsUnderscoresIntoDashes() throws IOException {
    Stack stack = load(ACR.replace("\"shared\"", "\"team_registry\"") + AKS + """
        access "a" {
          registry   = registry.team_registry
          cluster    = cluster.dev
          mode       = "pull_secret"
          namespace_selector = { team = "a" }
        }
        """);

    assertThat(stack.accesses().get("a").secretName()).isEqualTo("pullplan-team-registry");
    assertThat(stack.accesses().get("a").namespaceSelector()).containsExactly(Map.entry("team", "a"));
    assertThat(stack.accesses().get("a").namespaces()).isEmpty();
  }

  @Test
  void tildeInKubeconfigIsTheHomeDirectory() throws IOException {
    Stack stack = load("""
        cluster "k" {
          kubeconfig = "~/.kube/partners"
        }
        """);

    assertThat(stack.cluster("k").kubeconfig()).contains("/home/user/.kube/partners");
  }

  @Test
  void variablePrecedenceIsEnvironmentThenAutoFilesThenVarFilesThenVarArguments() throws IOException {
    String config = """
        variable "a" { default = "default" }
        variable "b" { default = "default" }
        variable "c" { default = "default" }
        variable "d" { default = "default" }
        variable "e" { default = "default" }
        """;
    Files.writeString(dir.resolve("x.auto.pullplan.vars"), "b = \"auto\"\nc = \"auto\"\nd = \"auto\"\ne = \"auto\"\n");
    Path varFile = dir.resolve("ci.vars");
    Files.writeString(varFile, "c = \"file\"\nd = \"file\"\ne = \"file\"\n");
    VariableInputs inputs = new VariableInputs(List.of("d=flag", "e=flag", "e=last flag"), List.of(varFile),
        Map.of("PULLPLAN_VAR_a", "env", "PULLPLAN_VAR_b", "env", "PULLPLAN_VAR_e", "env"));

    Stack stack = load(config.replace("{ default = \"default\" }", "{\n  default = \"default\"\n}"), inputs);

    assertThat(stack.variables().get("a").value()).contains("env");
    assertThat(stack.variables().get("b").value()).contains("auto");
    assertThat(stack.variables().get("c").value()).contains("file");
    assertThat(stack.variables().get("d").value()).contains("flag");
    assertThat(stack.variables().get("e").value()).contains("last flag");
  }

  @Test
  void variableValuesAreConvertedToTheirDeclaredTypes() throws IOException {
    Stack stack = load("""
        variable "replicas" {
          type = number
        }
        variable "create" {
          type = bool
        }
        variable "teams" {
          type = list(string)
        }
        variable "labels" {
          type = map(string)
        }
        """, vars("replicas=3", "create=true", "teams=[\"a\", \"b\"]", "labels={ team = \"edge\" }"));

    assertThat(stack.variables().get("replicas").value()).contains(new BigDecimal("3"));
    assertThat(stack.variables().get("create").value()).contains(true);
    assertThat(stack.variables().get("teams").value()).contains(List.of("a", "b"));
    assertThat(stack.variables().get("labels").value()).contains(Map.of("team", "edge"));
    assertThat(stack.variables().get("teams").type()).isEqualTo("list(string)");
  }

  @Test
  void jsonVarFileValuesAreLiteral() throws IOException {
    Path varFile = dir.resolve("values.json");
    Files.writeString(varFile, "{\"teams\": [\"a\"], \"prefix\": \"${not.a.reference}\"}");

    Stack stack = load("""
        variable "teams" {
          type = list(string)
        }
        variable "prefix" {}
        """, new VariableInputs(List.of(), List.of(varFile), Map.of()));

    assertThat(stack.variables().get("teams").value()).contains(List.of("a"));
    assertThat(stack.variables().get("prefix").value()).contains("${not.a.reference}");
  }

  @Test
  void heredocsAndEscapesBecomeTheirText() throws IOException {
    Stack stack = load("""
        variable "v" {
          description = <<-EOT
            First line with { and }.
              Indented "second".
            EOT
          default = "tab\there \u00e9 $${literal}"
        }
        """);

    assertThat(stack.variables().get("v").description()).contains("First line with { and }.\n  Indented \"second\".\n");
    assertThat(stack.variables().get("v").value()).contains("tab\there \u00e9 ${literal}");
  }

  @Test
  void nullDefaultMakesAVariableOptionalAndUnset() throws IOException {
    Stack stack = load("""
        variable "subscription" {
          default = null
        }
        """);

    assertThat(stack.variables().get("subscription").value()).isEmpty();
  }

  @Test
  void numberInterpolatesWithoutTrailingZeros() throws IOException {
    Stack stack = load("""
        variable "n" {
          type    = number
          default = 3
        }
        registry "r" {
          server = "registry-${var.n}.example.com"
        }
        """);

    assertThat(stack.registry("r").loginServer()).contains("registry-3.example.com");
  }

  @Test
  void anAcrWithAServerIsPulledFromThatServer() throws IOException {
    Stack stack = load("""
        registry "china" {
          server = "pullplandemo.azurecr.cn"
          acr {
            name           = "pullplandemo"
            resource_group = "rg-registry"
          }
        }
        """);

    assertThat(stack.registry("china").loginServer()).contains("pullplandemo.azurecr.cn");
    assertThat(stack.registry("china").isAcr()).isTrue();
  }

  @Test
  void theServerOfAnAcrWithoutServerIsNotKnownAtLoad() {
    DiagnosticsException e = catchThrowableOfType(DiagnosticsException.class, () -> load(ACR + """
        output "server" {
          value = registry.shared.server
        }
        """));

    assertThat(e.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.position().toString()).isEqualTo("main.pullplan.hcl:8:11");
      assertThat(d.message()).contains("`registry.shared.server` is not available", "read from Azure when pullplan runs");
      assertThat(d.hint()).hasValueSatisfying(h -> assertThat(h).contains("write server = \"...\" in registry \"shared\"",
          "az acr show -n PullplanDemo --query loginServer"));
    });
  }

  @Test
  void undeclaredVarArgumentIsAnError() {
    DiagnosticsException e = catchThrowableOfType(DiagnosticsException.class,
        () -> load("variable \"region\" {\n  default = \"x\"\n}\n", vars("regoin=westeurope")));

    assertThat(e.getMessage()).isEqualTo("--var regoin: error: variable `regoin` is not declared\n  did you mean --var region=...?"
        .replace("\n", System.lineSeparator()));
  }

  @Test
  void sensitiveValueNeverAppearsInErrorsOrToString() throws IOException {
    String config = """
        variable "token" {
          type      = number
          sensitive = true
        }
        """;
    DiagnosticsException e = catchThrowableOfType(DiagnosticsException.class,
        () -> load(config, vars("token=hunter2-secret")));
    assertThat(e.getMessage()).contains("variable `token` is of type number").doesNotContain("hunter2");

    Stack stack = load(config, vars("token=42"));
    assertThat(stack.variables().get("token").toString()).doesNotContain("42");
  }

  @Test
  void longLivedCredentialIsAWarningNotAnError() throws IOException {
    Files.writeString(dir.resolve("main.pullplan.hcl"), ACR + AKS + """
        access "a" {
          registry   = registry.shared
          cluster    = cluster.dev
          mode       = "pull_secret"
          namespaces = ["apps"]

          credential {
            expires_after = "400d"
          }
        }
        """);

    Loaded loaded = new ConfigLoader("/home/user").load(dir, VariableInputs.none());

    assertThat(loaded.warnings()).singleElement().satisfies(w -> {
      assertThat(w.isError()).isFalse();
      assertThat(w.headline()).isEqualTo(
          "main.pullplan.hcl:20:21: warning: `expires_after` (400d) is longer than a year");
    });
  }

  @Test
  void providerBlocksAreCheckedAgainstTheProvidersHandedIn() throws IOException {
    Files.writeString(dir.resolve("main.pullplan.hcl"), "provider \"memory\" {\n  region = \"x\"\n}\n");
    ConfigLoader loader = new ConfigLoader(new ProviderRegistry(List.of(new InMemoryProvider())));

    DiagnosticsException e = catchThrowableOfType(DiagnosticsException.class, () -> loader.load(dir, VariableInputs.none()));

    assertThat(e.diagnostics()).singleElement().satisfies(d -> assertThat(d.headline())
        .isEqualTo("main.pullplan.hcl:2:3: error: unknown attribute `region` in provider \"memory\""));
  }

  @Test
  void withUnsetVariablesUnknownKeepsTheProvidersHandedIn() throws IOException {
    Files.writeString(dir.resolve("main.pullplan.hcl"), "provider \"azure\" {}\n");
    ConfigLoader loader = new ConfigLoader(new ProviderRegistry(List.of(new InMemoryProvider()))).withUnsetVariablesUnknown();

    DiagnosticsException e = catchThrowableOfType(DiagnosticsException.class, () -> loader.load(dir, VariableInputs.none()));

    assertThat(e.diagnostics()).singleElement().satisfies(d -> assertThat(d.headline())
        .isEqualTo("main.pullplan.hcl:1:10: error: unknown provider \"azure\""));
  }

  @Test
  void withoutProvidersEveryProviderBlockIsReadAsWritten() throws IOException {
    Stack stack = load("provider \"azure\" {\n  region = \"x\"\n}\n");

    assertThat(stack.providers().get("azure").settings()).containsOnlyKeys("region");
  }

  @Test
  void everyErrorOfEveryFileIsReportedSortedByFile() throws IOException {
    Files.writeString(dir.resolve("a.pullplan.hcl"), "registry \"r\" {\n  sever = \"x\"\n}\n");
    Files.writeString(dir.resolve("b.pullplan.hcl"), "cluster \"c\" {\n  contxt = \"x\"\n}\n");

    DiagnosticsException e = catchThrowableOfType(DiagnosticsException.class,
        () -> new ConfigLoader("/home/user").load(dir, VariableInputs.none()));

    assertThat(e.diagnostics()).extracting(d -> d.position().toString())
        .containsExactly("a.pullplan.hcl:2:3", "b.pullplan.hcl:2:3");
  }

  @Test
  void jsonFormLoadsTheSameModelAsHcl() throws IOException {
    Files.writeString(dir.resolve("main.pullplan.json"), """
        {
          "variable": {"ns": {"type": "list(string)", "default": ["apps"]}},
          "registry": {"shared": {"server": "pullplandemo.azurecr.io",
              "acr": {"name": "pullplandemo", "resource_group": "rg"}}},
          "cluster": {"dev": {"aks": {"name": "aks-dev", "resource_group": "rg-dev"}}},
          "namespace": {"apps": {"cluster": "${cluster.dev}", "labels": {"team": "apps"}}},
          "access": {
            "team": {
              "registry": "${registry.shared}",
              "cluster": "${cluster.dev}",
              "mode": "service_account",
              "namespaces": "${var.ns}",
              "credential": {"type": "token", "repositories": ["team/app"]}
            }
          },
          "output": {"server": {"value": "${registry.shared.server}"}}
        }
        """);

    Stack stack = new ConfigLoader("/home/user").load(dir, VariableInputs.none()).stack();

    assertThat(stack.namespaces().get("apps").labels()).containsExactly(Map.entry("team", "apps"));
    Access team = stack.accesses().get("team");
    assertThat(team.registry()).isEqualTo("shared");
    assertThat(team.namespaces()).containsExactly("apps");
    assertThat(team.credential().repositories()).containsExactly("team/app");
    assertThat(stack.outputs().get("server").value()).isEqualTo("pullplandemo.azurecr.io");
  }

  @Test
  void emptyDirectoryIsAnError() {
    DiagnosticsException e = catchThrowableOfType(DiagnosticsException.class,
        () -> new ConfigLoader("/home/user").load(dir, VariableInputs.none()));

    assertThat(e.diagnostics()).singleElement()
        .satisfies(d -> assertThat(d.message()).isEqualTo("no *.pullplan.hcl or *.pullplan.json files here"));
  }

  @Test
  void thePullplanBlockDeclaresTheStackName() throws IOException {
    Stack stack = load("pullplan {\n  stack = \"prod-eu\"\n}\n" + ACR);

    assertThat(stack.declaredName()).hasValueSatisfying(n -> {
      assertThat(n.value()).isEqualTo("prod-eu");
      assertThat(n.origin()).hasToString("main.pullplan.hcl:2:11");
    });
  }

  @Test
  void aConfigWithoutAPullplanBlockDeclaresNoName() throws IOException {
    assertThat(load(ACR).declaredName()).isEmpty();
  }

  @Test
  void anInvalidStackNameIsAPositionedErrorWithASuggestion() throws IOException {
    Files.writeString(dir.resolve("main.pullplan.hcl"), "pullplan {\n  stack = \"prod eu!\"\n}\n" + ACR);
    DiagnosticsException e = catchThrowableOfType(DiagnosticsException.class,
        () -> new ConfigLoader("/home/user").load(dir, VariableInputs.none()));

    assertThat(e.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.position().line()).isEqualTo(2);
      assertThat(d.message()).isEqualTo("invalid stack name \"prod eu!\"");
      assertThat(d.hint()).hasValueSatisfying(h -> assertThat(h).contains("stack = \"prod-eu\""));
    });
  }

  @Test
  void aSecondPullplanBlockIsAnError() throws IOException {
    Files.writeString(dir.resolve("main.pullplan.hcl"), "pullplan {\n  stack = \"a\"\n}\npullplan {\n  stack = \"b\"\n}\n" + ACR);
    DiagnosticsException e = catchThrowableOfType(DiagnosticsException.class,
        () -> new ConfigLoader("/home/user").load(dir, VariableInputs.none()));

    assertThat(e.diagnostics()).singleElement()
        .satisfies(d -> assertThat(d.message()).startsWith("only one `pullplan` block is allowed"));
  }

  @Test
  void theJsonFormDeclaresTheStackNameToo() throws IOException {
    Files.writeString(dir.resolve("main.pullplan.json"), "{\"pullplan\": {\"stack\": \"prod-eu\"},"
        + " \"registry\": {\"shared\": {\"server\": \"ghcr.io\"}}}");

    Stack stack = new ConfigLoader("/home/user").load(dir, VariableInputs.none()).stack();

    assertThat(stack.declaredName()).hasValueSatisfying(n -> assertThat(n.value()).isEqualTo("prod-eu"));
  }

  @Test
  void anUnknownVariableReadByTwoChecksIsReportedOnce() throws IOException {
    Files.writeString(dir.resolve("main.pullplan.hcl"), ACR + """
        cluster "partner" {
          context = "partner"
        }

        access "edge" {
          registry           = registry.shared
          cluster            = cluster.partner
          mode               = "pull_secret"
          namespace_selector = { team = var.nope }

          credential {
            type         = "token"
            repositories = [var.nope]
          }
        }
        """);
    DiagnosticsException e = catchThrowableOfType(DiagnosticsException.class,
        () -> new ConfigLoader("/home/user").load(dir, VariableInputs.none()));

    assertThat(e.diagnostics()).extracting(d -> d.position().line() + ": " + d.message())
        .containsExactly("15: unknown variable `var.nope`", "19: unknown variable `var.nope`");
  }
}
