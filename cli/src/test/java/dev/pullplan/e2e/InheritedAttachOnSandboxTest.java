package dev.pullplan.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.cli.CliRun.Result;
import dev.pullplan.sandbox.azure.AzureRestClient;
import dev.pullplan.sandbox.azure.RoleAssignmentView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attach whose AcrPull the kubelet identity already holds on the registry's resource group, as
 * {@code az role assignment create --scope /subscriptions/…/resourceGroups/rg-registry} leaves it:
 * the command line against the sandbox, whose ARM lists inherited assignments for atScope().
 */
class InheritedAttachOnSandboxTest {
  private static final String KUBELET_OBJECT_ID = "3b1f6c2e-0000-4000-8000-00000000d004";
  private static final String STACK = SandboxStack.SHARED_ACR + """
      cluster "dev" {
        aks {
          name           = "aks-dev"
          resource_group = "rg-dev"
        }
      }

      access "dev_attach" {
        registry = registry.shared
        cluster  = cluster.dev
        mode     = "attach"
      }
      """;

  @TempDir Path tmp;
  SandboxCli cli;
  Path stack;
  String groupScope;

  @BeforeEach
  void start() throws Exception {
    cli = new SandboxCli(tmp.resolve("sandbox"));
    stack = Files.createDirectories(tmp.resolve("stack"));
    Files.writeString(stack.resolve("main.pullplan.hcl"), STACK);
    groupScope = "subscriptions/" + cli.sandbox.azure().subscriptionId() + "/resourceGroups/rg-registry";
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  private Result run(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = "-chdir=" + stack;
    return cli.run(all);
  }

  /** {@code az role assignment create --assignee KUBELET --role AcrPull --scope /subscriptions/…/resourceGroups/rg-registry}. */
  private String acrPullOnTheResourceGroup() {
    String name = UUID.randomUUID().toString();
    new AzureRestClient(cli.sandbox.azure()).arm("PUT", groupScope + "/providers/Microsoft.Authorization/roleAssignments/"
        + name + "?api-version=2022-04-01", "{\"properties\":{\"roleDefinitionId\":\"/" + "subscriptions/"
        + cli.sandbox.azure().subscriptionId() + "/providers/Microsoft.Authorization/roleDefinitions/"
        + "7f951dda-4ed3-4680-a7ca-43fe172d538d\",\"principalId\":\"" + KUBELET_OBJECT_ID + "\"}}");
    return name;
  }

  private List<RoleAssignmentView> kubeletAssignments() {
    return cli.sandbox.azure().roleAssignments().stream()
        .filter(a -> a.principalId().equalsIgnoreCase(KUBELET_OBJECT_ID)).toList();
  }

  @Test
  void thePlanCreatesNothingAndSaysTheAcrPullIsInheritedFromTheResourceGroup() {
    acrPullOnTheResourceGroup();

    Result plan = run("plan", "-no-color");

    assertThat(plan.exit()).as(plan.all()).isZero();
    assertThat(plan.out()).doesNotContain("will be created")
        .contains("access.dev_attach.attach")
        .contains("AcrPull for kubelet identity aks-dev-agentpool")
        .contains("inherited from resource group rg-registry");
  }

  @Test
  void theMarkdownPlanSaysTheAcrPullIsInheritedFromTheResourceGroup() {
    acrPullOnTheResourceGroup();

    Result plan = run("plan", "--format", "markdown");

    assertThat(plan.exit()).as(plan.all()).isZero();
    assertThat(plan.out()).contains("- <code>access.dev_attach.attach</code>")
        .contains("AcrPull for kubelet identity aks-dev-agentpool")
        .contains("inherited from resource group rg-registry");
  }

  @Test
  void theJsonPlanListsTheAttachUnderAdoptedWithTheInheritedNote() throws Exception {
    acrPullOnTheResourceGroup();

    Result plan = run("plan", "--json");

    assertThat(plan.exit()).as(plan.all()).isZero();
    assertThat(dev.pullplan.testing.Schemas.validate("plan.schema.json", plan.out())).isEmpty();
    com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(plan.out());
    assertThat(doc.path("adopted")).singleElement().satisfies(a -> {
      assertThat(a.path("address").asText()).isEqualTo("access.dev_attach.attach");
      assertThat(a.path("context").get(0).asText()).contains("AcrPull for kubelet identity aks-dev-agentpool")
          .contains("inherited from resource group rg-registry");
    });
  }

  @Test
  void aSavedPlanShownAsJsonKeepsTheInheritedNote() throws Exception {
    acrPullOnTheResourceGroup();
    assertThat(run("plan", "--out", "inherited.plan").exit()).isZero();

    Result show = run("show", "inherited.plan", "--json");

    assertThat(show.exit()).as(show.all()).isZero();
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(show.out()).path("adopted").toString())
        .contains("access.dev_attach.attach").contains("inherited from resource group rg-registry");
  }

  @Test
  void applyRecordsTheInheritedGrantAsNotOwnedAndDestroyLeavesIt() throws Exception {
    String name = acrPullOnTheResourceGroup();

    assertThat(run("apply", "-auto-approve").exit()).isZero();
    String state = Files.readString(stack.resolve("pullplan.state.json"));
    Result destroy = run("destroy", "-auto-approve");

    assertThat(state).contains("\"inherited_from\"").contains("\"adopted\": true");
    assertThat(destroy.exit()).as(destroy.all()).isZero();
    assertThat(kubeletAssignments()).extracting(RoleAssignmentView::name).containsExactly(name);
  }

  @Test
  void whenTheInheritedGrantIsRemovedTheNextApplyGrantsAcrPullAtTheRegistry() {
    String name = acrPullOnTheResourceGroup();
    assertThat(run("apply", "-auto-approve").exit()).isZero();
    new AzureRestClient(cli.sandbox.azure()).arm("DELETE", groupScope
        + "/providers/Microsoft.Authorization/roleAssignments/" + name + "?api-version=2022-04-01", null);

    Result plan = run("plan", "-no-color");
    Result apply = run("apply", "-auto-approve");

    assertThat(plan.out()).contains("access.dev_attach.attach will be created");
    assertThat(apply.exit()).as(apply.all()).isZero();
    assertThat(kubeletAssignments()).singleElement().satisfies(a -> assertThat(a.scope())
        .endsWith("/registries/pullplandemo"));
  }

  @Test
  void whenTheInheritedGrantIsRemovedThePlanSaysItIsGoneNotDeletedOutsidePullplan() {
    String name = acrPullOnTheResourceGroup();
    assertThat(run("apply", "-auto-approve").exit()).isZero();
    new AzureRestClient(cli.sandbox.azure()).arm("DELETE", groupScope
        + "/providers/Microsoft.Authorization/roleAssignments/" + name + "?api-version=2022-04-01", null);

    Result plan = run("plan", "-no-color");

    assertThat(plan.out()).as(plan.all()).doesNotContain("deleted outside pullplan")
        .contains("the AcrPull inherited from resource group rg-registry is gone: pullplan grants AcrPull at registry"
            + " pullplandemo itself")
        .contains("access.dev_attach.attach will be created");
  }

  @Test
  void whenTheInheritedGrantIsRemovedDriftReportsTheAttachMissingBecauseTheInheritedGrantIsGone() {
    String name = acrPullOnTheResourceGroup();
    assertThat(run("apply", "-auto-approve").exit()).isZero();
    new AzureRestClient(cli.sandbox.azure()).arm("DELETE", groupScope
        + "/providers/Microsoft.Authorization/roleAssignments/" + name + "?api-version=2022-04-01", null);

    Result drift = run("drift", "-no-color");

    assertThat(drift.exit()).as(drift.all()).isEqualTo(2);
    assertThat(drift.out()).doesNotContain("deleted outside pullplan")
        .contains("access.dev_attach.attach: missing")
        .contains("the AcrPull inherited from resource group rg-registry is gone")
        .contains("create its own (what state recorded was not pullplan's to lose)")
        .doesNotContain("create it again");
  }

  @Test
  void verifyPassesTheAttachAndSaysTheAcrPullIsOnTheResourceGroupInherited() {
    acrPullOnTheResourceGroup();
    assertThat(run("apply", "-auto-approve").exit()).isZero();

    Result verify = run("verify", "-no-color");

    assertThat(verify.exit()).as(verify.all()).isZero();
    assertThat(verify.out()).contains("holds AcrPull on resource group rg-registry, inherited");
  }
}
