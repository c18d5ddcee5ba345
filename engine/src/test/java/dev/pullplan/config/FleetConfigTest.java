package dev.pullplan.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pullplan.address.Address;
import dev.pullplan.address.MoveEndpoint;
import dev.pullplan.diag.Diagnostic;
import dev.pullplan.diag.DiagnosticsException;
import dev.pullplan.expand.DesiredResource;
import dev.pullplan.expand.Expander;
import dev.pullplan.model.Stack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** for_each, locals and moved: the language for fleets. */
class FleetConfigTest {
  private static final String FLEET = """
      variable "clusters" {
        type    = map(string)
        default = { "eu-1" = "ctx-eu-1", "us-1" = "ctx-us-1" }
      }
      locals {
        teams      = ["apps", local.second]
        second     = "web"
      }
      registry "shared" {
        server = "registry.example.com"
      }
      cluster "fleet" {
        for_each = var.clusters
        context  = each.value
      }
      access "team" {
        for_each   = cluster.fleet
        registry   = registry.shared
        cluster    = each.value
        mode       = "pull_secret"
        namespaces = local.teams
        credential {
          type         = "external"
          username     = "puller-${each.key}"
          password_env = "PULL_PASSWORD"
        }
      }
      """;

  @TempDir
  Path dir;

  private Stack load(String config) throws IOException {
    return load("main.pullplan.hcl", config);
  }

  private Stack load(String file, String config) throws IOException {
    Files.writeString(dir.resolve(file), config);
    return new ConfigLoader("/home/user").load(dir, VariableInputs.none()).stack();
  }

  private List<Diagnostic> errors(String config) throws IOException {
    Files.writeString(dir.resolve("main.pullplan.hcl"), config);
    return catchThrowableOfType(() -> new ConfigLoader("/home/user").load(dir, VariableInputs.none()),
        DiagnosticsException.class).diagnostics().stream().filter(Diagnostic::isError).toList();
  }

  private static List<String> addresses(Stack stack) {
    return new Expander(stack, "fleet", a -> Set.of(), dev.pullplan.expand.Derivation.NONE).expand().resources().stream()
        .map(DesiredResource::address).map(Address::toString).toList();
  }

  @Test
  void aClusterPerKeyOfAMapVariableAndAnAccessPerClusterInstance() throws IOException {
    Stack stack = load(FLEET);

    assertThat(stack.clusters()).containsOnlyKeys("fleet[\"eu-1\"]", "fleet[\"us-1\"]");
    assertThat(stack.clusters().get("fleet[\"us-1\"]").context()).contains("ctx-us-1");
    assertThat(stack.accesses()).containsOnlyKeys("team[\"eu-1\"]", "team[\"us-1\"]");
    assertThat(stack.accesses().get("team[\"eu-1\"]").cluster()).isEqualTo("fleet[\"eu-1\"]");
    assertThat(stack.accesses().get("team[\"eu-1\"]").namespaces()).containsExactly("apps", "web");
    assertThat(stack.accesses().get("team[\"us-1\"]").credential().username()).contains("puller-us-1");
    assertThat(addresses(stack)).contains("access.team[\"eu-1\"].k8s_secret[\"apps\"]",
        "access.team[\"us-1\"].k8s_secret[\"web\"]", "access.team[\"eu-1\"].credential");
  }

  @Test
  void eachInstancesSecretsCarryTheProbeImageAndCredentialTypeOfThatInstance() throws IOException {
    Stack stack = load(FLEET.replace("  mode       = \"pull_secret\"\n",
        "  mode        = \"pull_secret\"\n  probe_image = \"team/${each.key}:1\"\n"));

    Map<String, Object> eu = secretAttributes(stack, "access.team[\"eu-1\"].k8s_secret[\"apps\"]");
    Map<String, Object> us = secretAttributes(stack, "access.team[\"us-1\"].k8s_secret[\"apps\"]");

    assertThat(eu).containsEntry(Expander.PROBE_IMAGE, "team/eu-1:1").containsEntry(Expander.CREDENTIAL_TYPE, "external");
    assertThat(us).containsEntry(Expander.PROBE_IMAGE, "team/us-1:1");
  }

  private static Map<String, Object> secretAttributes(Stack stack, String address) {
    return new Expander(stack, "fleet", a -> Set.of(), dev.pullplan.expand.Derivation.NONE).expand().resources().stream()
        .filter(r -> r.address().toString().equals(address)).findFirst().orElseThrow().attributes();
  }

  @Test
  void anInstanceAddressRoundTripsThroughItsWrittenForm() {
    Address a = Address.parse("access.team[\"eu-1\"].k8s_secret[\"apps\"]").orElseThrow();

    assertThat(a.blockName()).isEqualTo("team[\"eu-1\"]");
    assertThat(a.baseName()).isEqualTo("team");
    assertThat(a.instanceKey()).contains("eu-1");
    assertThat(a.key()).contains("apps");
    assertThat(a).hasToString("access.team[\"eu-1\"].k8s_secret[\"apps\"]");
    assertThat(a.matches("access.team")).isTrue();
    assertThat(a.matches("access.team[\"eu-1\"]")).isTrue();
    assertThat(a.matches("access.team[\"us-1\"]")).isFalse();
  }

  @Test
  void aListOfStringsMakesNamespacesNamedAfterTheirKeys() throws IOException {
    Stack stack = load("""
        cluster "dev" {
          context = "dev"
        }
        namespace "team" {
          for_each = ["apps", "web"]
          cluster  = cluster.dev
          create   = true
          labels   = { team = each.key }
        }
        """);

    assertThat(stack.namespaces().get("team[\"web\"]").name()).isEqualTo("web");
    assertThat(stack.namespaces().get("team[\"web\"]").labels()).containsEntry("team", "web");
    assertThat(addresses(stack)).containsExactly("namespace.team[\"apps\"].k8s_namespace",
        "namespace.team[\"web\"].k8s_namespace");
  }

  @Test
  void oneInstanceIsReferencedByItsKey() throws IOException {
    Stack stack = load(FLEET.replace("  for_each   = cluster.fleet\n", "").replace("cluster    = each.value", "cluster    = cluster.fleet[\"us-1\"]").replace("puller-${each.key}", "puller"));

    assertThat(stack.accesses().get("team").cluster()).isEqualTo("fleet[\"us-1\"]");
  }

  @Test
  void anErrorInOneInstanceNamesItsKeyAndWhereTheValueIsUsed() throws IOException {
    List<Diagnostic> errors = errors(FLEET.replace("  type    = map(string)\n", "").replace("\"ctx-us-1\"", "[\"x\"]"));

    assertThat(errors).isNotEmpty();
    assertThat(errors).allSatisfy(d -> {
      assertThat(d.message()).contains("cluster.fleet[\"us-1\"]");
      assertThat(d.position().file()).isEqualTo("main.pullplan.hcl");
    });
    assertThat(errors.get(0).position().line()).isEqualTo(13);
    assertThat(errors.get(0).message()).startsWith("`context` must be a string");
    assertThat(errors.get(0).position().column()).isEqualTo(14);
  }

  @Test
  void aReferenceToARepeatedBlockWithoutAKeyIsExplained() throws IOException {
    List<Diagnostic> errors = errors(FLEET.replace("  for_each   = cluster.fleet\n", "").replace("cluster    = each.value", "cluster    = cluster.fleet").replace("puller-${each.key}", "puller"));

    assertThat(errors).singleElement().satisfies(d -> {
      assertThat(d.message()).contains("`cluster.fleet` has for_each");
      assertThat(d.hint()).hasValueSatisfying(h -> assertThat(h).contains("cluster.fleet[\"eu-1\"]"));
    });
  }

  @Test
  void anUnknownKeyIsReportedWithTheKeysThereAre() throws IOException {
    List<Diagnostic> errors = errors(FLEET.replace("  for_each   = cluster.fleet\n", "").replace("cluster    = each.value", "cluster    = cluster.fleet[\"eu-2\"]").replace("puller-${each.key}", "puller"));

    assertThat(errors).singleElement().satisfies(d -> assertThat(d.message()).contains("has no instance [\"eu-2\"]"));
  }

  @Test
  void eachOutsideForEachAndAForEachOfTheWrongTypeAreErrors() throws IOException {
    assertThat(errors("""
        cluster "dev" {
          context = each.key
        }
        """)).singleElement().satisfies(d -> assertThat(d.message()).contains("only be used in a block with for_each"));
    assertThat(errors("""
        cluster "dev" {
          for_each = "one"
          context  = each.key
        }
        """)).singleElement().satisfies(d -> assertThat(d.message()).contains("must be a map or a list of strings"));
  }

  @Test
  void localsThatReadEachOtherInACycleAreReported() throws IOException {
    Files.writeString(dir.resolve("main.pullplan.json"), """
        { "locals": { "a": "${local.b}", "b": "${local.a}-x" }, "cluster": { "dev": { "context": "${local.a}" } } }
        """);
    assertThat(catchThrowableOfType(() -> new ConfigLoader("/home/user").load(dir, VariableInputs.none()),
        DiagnosticsException.class).diagnostics()).singleElement().satisfies(d -> assertThat(d.message()).contains("depends on itself"));
  }

  @Test
  void validateAcceptsAForEachOverAVariableWithoutAValue() throws IOException {
    Files.writeString(dir.resolve("main.pullplan.hcl"), FLEET.replace("""
          default = { "eu-1" = "ctx-eu-1", "us-1" = "ctx-us-1" }
        """, "") + """
        moved {
          from = access.old
          to   = access.team["eu-1"]
        }
        """);

    Stack stack = new ConfigLoader("/home/user").withUnsetVariablesUnknown().load(dir, VariableInputs.none()).stack();

    assertThat(stack.clusters()).isEmpty();
    assertThat(stack.accesses()).isEmpty();
  }

  @Test
  void movedBlocksAreReadAndCheckedAgainstTheConfig() throws IOException {
    Stack stack = load(FLEET + """
        moved {
          from = access.team
          to   = access.team["eu-1"]
        }
        moved {
          from = "access.old.k8s_secret[\\"apps\\"]"
          to   = "access.team[\\"us-1\\"].k8s_secret[\\"apps\\"]"
        }
        """);

    assertThat(stack.moved()).hasSize(2);
    assertThat(stack.moved().get(0).from()).isEqualTo(MoveEndpoint.block("access", "team"));
    assertThat(stack.moved().get(0).to()).isEqualTo(MoveEndpoint.block("access", "team[\"eu-1\"]"));
    assertThat(stack.moved().get(1).to().resource()).contains("k8s_secret");
  }

  @Test
  void movedToAnAddressTheConfigLacksOrFromOneItStillHasIsAnError() throws IOException {
    assertThat(errors(FLEET + """
        moved {
          from = access.old
          to   = access.team["eu-9"]
        }
        """)).singleElement().satisfies(d -> assertThat(d.message()).contains("which the configuration does not declare"));
    assertThat(errors(FLEET + """
        moved {
          from = access.team["us-1"]
          to   = access.team["eu-1"]
        }
        """)).singleElement().satisfies(d -> assertThat(d.message()).contains("still declares"));
  }

  @Test
  void twoMovedBlocksToOneAddressCollide() throws IOException {
    assertThat(errors(FLEET + """
        moved {
          from = access.old
          to   = access.team["eu-1"]
        }
        moved {
          from = access.older
          to   = access.team["eu-1"]
        }
        """)).singleElement().satisfies(d -> assertThat(d.message()).contains("two moved blocks move resources to"));
  }

  /** An access per key of var.clusters that picks the cluster instance of its own key. */
  private static final String BY_KEY = FLEET.replace("  for_each   = cluster.fleet\n", "  for_each   = var.clusters\n")
      .replace("cluster    = each.value", "cluster    = cluster.fleet[each.key]");

  @Test
  void aComputedKeyPicksTheInstanceOfEachKey() throws IOException {
    Stack stack = load(BY_KEY);

    assertThat(stack.accesses().get("team[\"eu-1\"]").cluster()).isEqualTo("fleet[\"eu-1\"]");
    assertThat(stack.accesses().get("team[\"us-1\"]").cluster()).isEqualTo("fleet[\"us-1\"]");
  }

  @Test
  void aStringEachValuePicksTheInstanceItNames() throws IOException {
    Stack stack = load(FLEET + """
        namespace "edge" {
          for_each = { gateway = "us-1" }
          cluster  = cluster.fleet[each.value]
        }
        """);

    assertThat(stack.namespaces().get("edge[\"gateway\"]").cluster()).isEqualTo("fleet[\"us-1\"]");
  }

  @Test
  void aKeyFromAVariableOrALocalPicksOneInstance() throws IOException {
    Stack stack = load(FLEET + """
        variable "region" {
          default = "us-1"
        }
        locals {
          home = "eu-1"
        }
        namespace "edge" {
          cluster = cluster.fleet[var.region]
        }
        namespace "base" {
          cluster = cluster.fleet[local.home]
        }
        """);

    assertThat(stack.namespaces().get("edge").cluster()).isEqualTo("fleet[\"us-1\"]");
    assertThat(stack.namespaces().get("base").cluster()).isEqualTo("fleet[\"eu-1\"]");
  }

  @Test
  void anAttributeOfAnInstancePickedByAComputedKeyIsRead() throws IOException {
    Stack stack = load(BY_KEY.replace("namespaces = local.teams", "namespaces = [namespace.apps[each.key].name]") + """
        namespace "apps" {
          for_each = cluster.fleet
          cluster  = each.value
          name     = "apps-${each.key}"
        }
        """);

    assertThat(stack.accesses().get("team[\"us-1\"]").namespaces()).containsExactly("apps-us-1");
  }

  @Test
  void aComputedKeyReadsIntoAMapVariable() throws IOException {
    Stack stack = load(FLEET.replace("context  = each.value", "context  = var.clusters[each.key]"));

    assertThat(stack.clusters().get("fleet[\"us-1\"]").context()).contains("ctx-us-1");
  }

  @Test
  void theJsonSyntaxTakesAComputedKey() throws IOException {
    Stack stack = load("main.pullplan.json", """
        {
          "cluster": { "fleet": { "for_each": ["eu-1", "us-1"], "context": "${each.key}" } },
          "namespace": { "apps": { "for_each": ["eu-1"], "cluster": "${cluster.fleet[each.key]}" } }
        }
        """);

    assertThat(stack.namespaces().get("apps[\"eu-1\"]").cluster()).isEqualTo("fleet[\"eu-1\"]");
  }

  @Test
  void aLocalReadOnlyAsAComputedKeyIsComputedBeforeTheLocalThatReadsIt() throws IOException {
    Stack stack = load(FLEET + """
        locals {
          edge_context = var.clusters[local.edge_region]
          edge_region  = "us-1"
        }
        cluster "edge" {
          context = local.edge_context
        }
        """);

    assertThat(stack.clusters().get("edge").context()).contains("ctx-us-1");
  }

  @Test
  void eachValueIndexedByEachKeyIsTheElementOfThatKey() throws IOException {
    Stack stack = load(FLEET + """
        namespace "edge" {
          for_each = { gateway = { gateway = "us-1" } }
          cluster  = cluster.fleet[each.value[each.key]]
        }
        """);

    assertThat(stack.namespaces().get("edge[\"gateway\"]").cluster()).isEqualTo("fleet[\"us-1\"]");
  }

  @Test
  void eachValueIndexedByAKeyNotKnownPerInstanceIsAnError() throws IOException {
    List<Diagnostic> errors = errors(FLEET + """
        locals {
          field = "region"
        }
        namespace "edge" {
          for_each = { gateway = { region = "us-1" } }
          cluster  = cluster.fleet[each.value[local.field]]
        }
        """);

    // the attribute then reads as null, as after any wrong each.*, which is reported too
    assertThat(errors).filteredOn(d -> d.message().contains("each.value[local.field]")).singleElement().satisfies(d -> {
      assertThat(d.message()).contains("a key into each.value must be each.key or written literally");
      assertThat(d.hint()).hasValueSatisfying(h -> assertThat(h).contains("var.<name>[each.key]"));
    });
  }

  @Test
  void aComputedKeyThatNamesNoInstanceIsReportedAtTheReferenceWithTheInstancesThereAre() throws IOException {
    List<Diagnostic> errors = errors(BY_KEY.replace("default = { \"eu-1\" = \"ctx-eu-1\", \"us-1\" = \"ctx-us-1\" }",
        "default = { \"eu-1\" = \"ctx-eu-1\" }") + """
        namespace "edge" {
          for_each = ["us-1"]
          cluster  = cluster.fleet[each.key]
        }
        """);

    assertThat(errors).singleElement().satisfies(d -> {
      assertThat(d.message()).contains("`cluster.fleet` has no instance [\"us-1\"]").contains("(in namespace.edge[\"us-1\"])");
      assertThat(d.hint()).hasValueSatisfying(h -> assertThat(h).contains("eu-1"));
      assertThat(d.position().line()).isEqualTo(30);
      assertThat(d.position().column()).isEqualTo(14);
    });
  }

  @Test
  void aComputedKeyOnABlockWithoutForEachIsAnErrorAtTheKey() throws IOException {
    List<Diagnostic> errors = errors("""
        cluster "dev" {
          context = "dev"
        }
        namespace "edge" {
          for_each = ["apps"]
          cluster  = cluster.dev[each.key]
        }
        """);

    assertThat(errors).singleElement().satisfies(d -> {
      assertThat(d.message()).contains("`cluster.dev` has no for_each");
      assertThat(d.hint()).hasValueSatisfying(h -> assertThat(h).contains("write cluster.dev"));
      assertThat(d.position().line()).isEqualTo(6);
      assertThat(d.position().column()).isEqualTo(26);
    });
  }

  @Test
  void aKeyThatIsNotAStringIsAnErrorAtTheKey() throws IOException {
    List<Diagnostic> errors = errors(FLEET + """
        namespace "edge" {
          for_each = { gateway = { region = "us-1" } }
          cluster  = cluster.fleet[each.value]
        }
        """);

    assertThat(errors).singleElement().satisfies(d -> {
      assertThat(d.message()).contains("the key in `cluster.fleet[...]` must be a string, got a map");
      assertThat(d.hint()).hasValueSatisfying(h -> assertThat(h).contains("cluster.fleet[each.key]"));
      assertThat(d.position().column()).isEqualTo(28);
    });
  }

  @Test
  void aSensitiveKeyIsRefusedWithoutShowingIt() throws IOException {
    List<Diagnostic> errors = errors(FLEET + """
        variable "region" {
          default   = "us-1-secret"
          sensitive = true
        }
        namespace "edge" {
          cluster = cluster.fleet[var.region]
        }
        """);

    assertThat(errors).singleElement().satisfies(d -> {
      assertThat(d.message()).contains("reads sensitive `var.region`").doesNotContain("us-1-secret");
      assertThat(d.hint()).hasValueSatisfying(h -> assertThat(h).doesNotContain("us-1-secret"));
    });
  }

  @Test
  void anUnclosedComputedKeyIsASyntaxErrorThatSaysWhatToWrite() throws IOException {
    List<Diagnostic> errors = errors(BY_KEY.replace("cluster.fleet[each.key]", "cluster.fleet[each.key"));

    assertThat(errors).first().satisfies(d -> {
      assertThat(d.message()).contains("expected `]` after the key of `cluster.fleet[`, found end of line");
      assertThat(d.hint()).hasValueSatisfying(h -> assertThat(h).contains("cluster.fleet[each.key]"));
      assertThat(d.position().line()).isEqualTo(19);
    });
  }

  @Test
  void theJsonSyntaxTakesForEachLocalsAndMoved() throws IOException {
    Stack stack = load("main.pullplan.json", """
        {
          "locals": { "contexts": { "eu-1": "ctx-eu-1", "us-1": "ctx-us-1" } },
          "cluster": { "fleet": { "for_each": "${local.contexts}", "context": "${each.value}" } },
          "registry": { "shared": { "server": "registry.example.com" } },
          "access": { "team": {
            "for_each": "${cluster.fleet}",
            "registry": "${registry.shared}",
            "cluster": "${each.value}",
            "mode": "pull_secret",
            "namespaces": ["apps"],
            "credential": { "type": "external", "username": "u", "password_env": "P" }
          } },
          "moved": [ { "from": "access.old", "to": "access.team[\\"eu-1\\"]" } ]
        }
        """);

    assertThat(stack.clusters()).containsOnlyKeys("fleet[\"eu-1\"]", "fleet[\"us-1\"]");
    assertThat(stack.accesses()).containsOnlyKeys("team[\"eu-1\"]", "team[\"us-1\"]");
    assertThat(stack.moved()).singleElement().satisfies(m -> assertThat(m.to().blockName()).isEqualTo("team[\"eu-1\"]"));
  }
}
