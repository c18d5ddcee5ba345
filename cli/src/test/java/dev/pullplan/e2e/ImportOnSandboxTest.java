package dev.pullplan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullplan.PullplanException;
import dev.pullplan.address.Address;
import dev.pullplan.config.ConfigLoader;
import dev.pullplan.config.VariableInputs;
import dev.pullplan.plan.Change;
import dev.pullplan.plan.Plan;
import dev.pullplan.plan.PlanOptions;
import dev.pullplan.run.Engine;
import dev.pullplan.context.ProviderRegistry;
import dev.pullplan.context.Run;
import dev.pullplan.sandbox.Sandbox;
import dev.pullplan.sandbox.kube.KubeSeed;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.state.State;
import dev.pullplan.testing.MemoryStateBackend;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pullplan import ADDRESS ID} for every resource type, through the real providers against
 * the sandbox: a type imports the object its id names (then the plan has nothing to do for it),
 * refuses an id that names another object, or refuses the type with the reason.
 */
class ImportOnSandboxTest {
  private static final String HEAD = SandboxStack.SHARED_ACR + """
      registry "ghcr" {
        server = "ghcr.io"
      }

      cluster "dev" {
        aks {
          name           = "aks-dev"
          resource_group = "rg-dev"
        }
      }

      cluster "partner" {
        context = "partner"
      }
      """;

  @TempDir Path tmp;
  Sandbox sandbox;
  Path dir;
  final MemoryStateBackend state = new MemoryStateBackend();
  final Map<String, String> env = new HashMap<>();
  Engine engine;

  @BeforeEach
  void start() throws IOException {
    sandbox = Sandbox.start(tmp.resolve("sandbox"), KubeSeed.defaultSeed());
    dir = Files.createDirectories(tmp.resolve("stack"));
    env.putAll(sandbox.environment());
    env.put("GHCR_TOKEN", "not-a-real-token");
    engine = new Engine(ProviderRegistry.discover(), state, Clock.systemUTC(), env, line -> {});
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private void config(String blocks) throws IOException {
    Files.writeString(dir.resolve("main.pullplan.hcl"), HEAD + blocks);
  }

  private dev.pullplan.model.Stack stack() {
    return new ConfigLoader().load(dir, new VariableInputs(List.of(), List.of(), env)).stack();
  }

  private Plan plan() {
    try (Run run = engine.open(stack())) {
      return engine.plan(run, PlanOptions.normal());
    }
  }

  private void applyAll() {
    try (Run run = engine.open(stack())) {
      Plan plan = engine.plan(run, PlanOptions.normal());
      assertThat(plan.problems()).isEmpty();
      assertThat(engine.apply(run, plan, 4, Duration.ZERO, Optional.empty()).failures()).isEmpty();
    }
  }

  private ResourceState importing(String address, String id) {
    try (Run run = engine.open(stack())) {
      return engine.importResource(run, address(address), id, Duration.ZERO);
    }
  }

  /** As {@code pullplan state rm}: state forgets it, the object stays. */
  private ResourceState forget(String address) {
    State current = state.read().orElseThrow();
    ResourceState gone = current.resource(address(address)).orElseThrow();
    state.write(current.with(address(address), Optional.empty()).nextSerial());
    return gone;
  }

  private static Address address(String text) {
    return Address.parse(text).orElseThrow();
  }

  private Optional<Change> changeOf(Plan plan, String address) {
    return plan.changes().stream().filter(c -> c.address().toString().equals(address)).findFirst();
  }

  private void assertNothingToDo(String address) {
    Plan plan = plan();
    assertThat(plan.problems()).isEmpty();
    assertThat(changeOf(plan, address)).hasValueSatisfying(c -> assertThat(c.action().isChange())
        .as("%s after import: %s %s", address, c.action(), c.reasons()).isFalse());
  }

  @Test
  void aNamespaceImportsByItsNameAndThenPlansNoChange() throws IOException {
    config("""
        namespace "robotics" {
          cluster = cluster.partner
          create  = true
        }
        """);
    assertThat(plan().problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("already exists"));

    ResourceState imported = importing("namespace.robotics.k8s_namespace", "robotics");

    assertThat(imported.id()).isEqualTo("robotics");
    assertNothingToDo("namespace.robotics.k8s_namespace");
  }

  @Test
  void aNamespaceIdThatNamesAnotherNamespaceIsRefused() throws IOException {
    config("""
        namespace "robotics" {
          cluster = cluster.partner
          create  = true
        }
        """);

    assertThatThrownBy(() -> importing("namespace.robotics.k8s_namespace", "edge"))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("as robotics, not \"edge\"")
        .hasMessageContaining("pullplan import namespace.robotics.k8s_namespace robotics");
    assertThat(state.read()).isEmpty();
  }

  @Test
  void aSecretImportsByNamespaceAndNameAndIsThenUpdatedNotCreated() throws IOException {
    config(externalAccess());
    String auth = "{\"auths\":{\"ghcr.io\":{\"username\":\"bot\",\"password\":\"old\",\"auth\":\""
        + Base64.getEncoder().encodeToString("bot:old".getBytes(StandardCharsets.UTF_8)) + "\"}}}";
    sandbox.kube().client("partner").secrets().inNamespace("edge").resource(new SecretBuilder()
        .withNewMetadata().withName("ghcr-pull").withNamespace("edge").endMetadata()
        .withType("kubernetes.io/dockerconfigjson")
        .addToData(".dockerconfigjson", Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)))
        .build()).create();
    assertThatThrownBy(() -> importing("access.ghcr.k8s_secret[\"edge\"]", "edge/other-pull"))
        .hasMessageContaining("pullplan import access.ghcr.k8s_secret[\"edge\"] edge/ghcr-pull");

    importing("access.ghcr.k8s_secret[\"edge\"]", "edge/ghcr-pull");

    Plan plan = plan();
    assertThat(plan.problems()).isEmpty();
    assertThat(changeOf(plan, "access.ghcr.k8s_secret[\"edge\"]")).hasValueSatisfying(c ->
        assertThat(c.action()).isEqualTo(dev.pullplan.plan.Action.UPDATE));
  }

  @Test
  void aServiceAccountEntryImportsByNamespaceAndServiceAccount() throws IOException {
    config(tokenAccess("service_account"));
    applyAll();
    forget("access.partner_edge.sa_pull_secret[\"edge/default\"]");
    assertThatThrownBy(() -> importing("access.partner_edge.sa_pull_secret[\"edge/default\"]", "edge/builder"))
        .hasMessageContaining("as edge/default, not \"edge/builder\"");

    importing("access.partner_edge.sa_pull_secret[\"edge/default\"]", "edge/default");

    assertNothingToDo("access.partner_edge.sa_pull_secret[\"edge/default\"]");
    assertThat(sandbox.kube().client("partner").serviceAccounts().inNamespace("edge").withName("default").get()
        .getImagePullSecrets()).extracting(LocalObjectReference::getName).contains("legacy-pull", "partner-pull");
  }

  @Test
  void aScopeMapImportsByItsName() throws IOException {
    config(tokenAccess("pull_secret"));
    applyAll();
    ResourceState forgotten = forget("access.partner_edge.scope_map");
    assertThatThrownBy(() -> importing("access.partner_edge.scope_map", "some-other-map"))
        .isInstanceOf(PullplanException.class).hasMessageContaining("not \"some-other-map\"");

    ResourceState imported = importing("access.partner_edge.scope_map", forgotten.string("name"));

    assertThat(imported.id()).isEqualTo(forgotten.id());
    assertNothingToDo("access.partner_edge.scope_map");
  }

  @Test
  void aRoleAssignmentImportsByItsArmId() throws IOException {
    config(servicePrincipalAccess());
    applyAll();
    ResourceState forgotten = forget("access.team.role_assignment");
    assertThatThrownBy(() -> importing("access.team.role_assignment", "/subscriptions/x/nonsense"))
        .isInstanceOf(PullplanException.class).hasMessageContaining("import it by that id");

    importing("access.team.role_assignment", forgotten.id());

    assertNothingToDo("access.team.role_assignment");
    assertThat(sandbox.azure().roleAssignments()).filteredOn(r -> r.id().equalsIgnoreCase(forgotten.id())).hasSize(1);
  }

  @Test
  void anAttachImportsTheKubeletsRoleAssignmentByItsArmId() throws IOException {
    config("""
        access "dev_attach" {
          registry = registry.shared
          cluster  = cluster.dev
          mode     = "attach"
        }
        """);
    applyAll();
    ResourceState forgotten = forget("access.dev_attach.attach");

    importing("access.dev_attach.attach", forgotten.id());

    assertNothingToDo("access.dev_attach.attach");
  }

  @Test
  void aServicePrincipalIsNotImportableBecauseItsPasswordCannotBeRead() throws IOException {
    config(servicePrincipalAccess());

    assertThatThrownBy(() -> importing("access.team.service_principal", "00000000-0000-0000-0000-000000000001"))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("(azure_service_principal) cannot be imported: an Entra password cannot be read back");
  }

  @Test
  void anAcrTokenIsNotImportableBecauseItsPasswordIsShownOnlyOnce() throws IOException {
    config(tokenAccess("pull_secret"));

    assertThatThrownBy(() -> importing("access.partner_edge.token", "pullplan-stack-partner-edge"))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("(acr_token) cannot be imported: ACR returns a token's password only when it is generated");
  }

  @Test
  void anExternalCredentialHasNothingToImport() throws IOException {
    config(externalAccess());

    assertThatThrownBy(() -> importing("access.ghcr.credential", "bot"))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("(external_credential) cannot be imported: there is nothing to import");
  }

  private static String tokenAccess(String mode) {
    return """
        access "partner_edge" {
          registry    = registry.shared
          cluster     = cluster.partner
          mode        = "%s"
          namespaces  = ["edge"]
          secret_name = "partner-pull"

          credential {
            type         = "token"
            repositories = ["edge/sim"]
          }
        }
        """.formatted(mode);
  }

  private static String servicePrincipalAccess() {
    return """
        access "team" {
          registry   = registry.shared
          cluster    = cluster.dev
          mode       = "pull_secret"
          namespaces = ["apps"]
        }
        """;
  }

  private static String externalAccess() {
    return """
        access "ghcr" {
          registry    = registry.ghcr
          cluster     = cluster.partner
          mode        = "pull_secret"
          namespaces  = ["edge"]
          secret_name = "ghcr-pull"

          credential {
            type         = "external"
            username     = "bot"
            password_env = "GHCR_TOKEN"
          }
        }
        """;
  }
}
