package dev.pullplan.plan;

import static dev.pullplan.testing.TestStacks.servicePrincipal;
import static dev.pullplan.testing.TestStacks.stack;
import static dev.pullplan.testing.TestStacks.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pullplan.PullplanException;
import dev.pullplan.address.Address;
import dev.pullplan.context.Run;
import dev.pullplan.model.Stack;
import dev.pullplan.state.State;
import dev.pullplan.testing.EngineFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlanTest {
  private final EngineFixture f = new EngineFixture();

  private static Stack teamApps() {
    return stack().serviceAccount("team_apps", "dev", List.of("apps", "jobs"), servicePrincipal("60d")).build();
  }

  private static Map<String, Action> actions(Plan plan) {
    return plan.changes().stream().collect(Collectors.toMap(c -> c.address().toString(), Change::action));
  }

  @Test
  void firstPlanCreatesEveryResourceOfAnAccess() {
    Plan plan = f.plan(teamApps());

    assertThat(actions(plan)).containsOnlyKeys(
        "access.team_apps.service_principal",
        "access.team_apps.role_assignment",
        "access.team_apps.k8s_secret[\"apps\"]",
        "access.team_apps.k8s_secret[\"jobs\"]",
        "access.team_apps.sa_pull_secret[\"apps/default\"]",
        "access.team_apps.sa_pull_secret[\"jobs/default\"]");
    assertThat(actions(plan).values()).containsOnly(Action.CREATE);
    assertThat(plan.summary()).hasToString("Plan: 6 to add, 0 to change, 0 to destroy, 0 to rotate.");
  }

  @Test
  void changesAreOrderedDependenciesFirst() {
    List<String> order = f.plan(teamApps()).changes().stream().map(c -> c.address().toString()).toList();

    assertThat(order.indexOf("access.team_apps.service_principal"))
        .isLessThan(order.indexOf("access.team_apps.role_assignment"));
    assertThat(order.indexOf("access.team_apps.role_assignment"))
        .isLessThan(order.indexOf("access.team_apps.k8s_secret[\"apps\"]"));
    assertThat(order.indexOf("access.team_apps.k8s_secret[\"apps\"]"))
        .isLessThan(order.indexOf("access.team_apps.sa_pull_secret[\"apps/default\"]"));
  }

  @Test
  void aReadThatNeverReturnsEndsThePlanWithAProblemNamingItOnceTheReadDeadlinePasses() {
    String stalled = "access.team_apps.k8s_secret[\"apps\"]";
    f.world.stallReads(stalled);

    Plan plan = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      try (Run run = f.engine.open(teamApps())) {
        return new Planner(run, PlanOptions.normal(), Duration.ofMillis(500)).plan(State.empty("test"), false);
      }
    });

    assertThat(plan.problems()).anySatisfy(problem -> {
      assertThat(problem.address()).contains(stalled);
      assertThat(problem.message()).startsWith("reading " + stalled + " did not finish within 500ms");
    });
  }

  @Test
  void planAfterApplyHasNoChanges() {
    f.planAndApply(teamApps());

    Plan again = f.plan(teamApps());

    assertThat(again.summary().isEmpty()).isTrue();
    assertThat(again.hasChanges()).isFalse();
    assertThat(again.drifted()).isEmpty();
  }

  @Test
  void addingANamespaceCreatesOnlyItsResources() {
    f.planAndApply(teamApps());
    Stack wider = stack().serviceAccount("team_apps", "dev", List.of("apps", "jobs", "web"), servicePrincipal("60d")).build();

    Plan plan = f.plan(wider);

    assertThat(plan.effectiveChanges()).extracting(c -> c.address().toString()).containsExactlyInAnyOrder(
        "access.team_apps.k8s_secret[\"web\"]", "access.team_apps.sa_pull_secret[\"web/default\"]");
  }

  @Test
  void removedAccessIsPlannedForDeletionWithItsReason() {
    f.planAndApply(teamApps());

    Plan plan = f.plan(stack().build());

    assertThat(actions(plan).values()).containsOnly(Action.DELETE);
    assertThat(plan.changes().get(0).reasons()).containsExactly("no longer in the config");
    assertThat(plan.summary().destroy()).isEqualTo(6);
  }

  @Test
  void credentialPastRotateAfterIsRotatedWithTheReason() {
    f.planAndApply(teamApps());
    f.clock.advance(Duration.ofDays(61));

    Plan plan = f.plan(teamApps());

    Change sp = change(plan, "access.team_apps.service_principal");
    assertThat(sp.action()).isEqualTo(Action.ROTATE);
    assertThat(sp.reasons()).containsExactly("credential 61 days old, rotate_after = 60d");
    assertThat(change(plan, "access.team_apps.k8s_secret[\"apps\"]").action()).isEqualTo(Action.UPDATE);
    assertThat(change(plan, "access.team_apps.k8s_secret[\"apps\"]").reasons())
        .anyMatch(r -> r.contains("comes from access.team_apps.service_principal"));
    assertThat(plan.summary()).hasToString("Plan: 0 to add, 2 to change, 0 to destroy, 1 to rotate.");
  }

  @Test
  void credentialWithinRenewBeforeOfExpiryIsRotated() {
    Stack partner = stack().pullSecret("partner_edge", "partner", List.of("edge"), token("edge/sim")).build();
    f.planAndApply(partner);
    // expires_after = 30d: 25 days later it is 5 days from expiry, inside renew_before = 7d.
    f.clock.advance(Duration.ofDays(25));

    Change token = change(f.plan(partner), "access.partner_edge.token");

    assertThat(token.action()).isEqualTo(Action.ROTATE);
    assertThat(token.reasons().get(0)).startsWith("credential expires in 5 days").endsWith("renew_before = 7d");
  }

  @Test
  void aComputedAttributeStateNeverRecordedIsNotDrift() {
    f.planAndApply(teamApps());
    // a state written before the provider reported the login server on the credential
    Address sp = Address.of("access", "team_apps", "service_principal");
    dev.pullplan.spi.ResourceState recorded = f.current().resource(sp).orElseThrow();
    Map<String, Object> older = new java.util.LinkedHashMap<>(recorded.attributes());
    assertThat(older.remove("server")).isEqualTo("pullplandemo.azurecr.io");
    f.state.write(f.current().with(sp, java.util.Optional.of(recorded.withAttributes(older, recorded.sensitive())))
        .nextSerial());

    Plan plan = f.plan(teamApps());

    assertThat(plan.drifted()).isEmpty();
    assertThat(actions(plan).values()).containsOnly(Action.NOOP);
  }

  @Test
  void aLocatorStateNeverRecordedIsNotDrift() {
    f.planAndApply(teamApps());
    // a state written before the engine handed the Secret its access's credential type
    Address secret = Address.keyed("access", "team_apps", "k8s_secret", "apps");
    dev.pullplan.spi.ResourceState recorded = f.current().resource(secret).orElseThrow();
    Map<String, Object> older = new java.util.LinkedHashMap<>(recorded.attributes());
    assertThat(older.remove(dev.pullplan.expand.Expander.CREDENTIAL_TYPE)).isEqualTo("service_principal");
    f.state.write(f.current().with(secret, java.util.Optional.of(recorded.withAttributes(older, recorded.sensitive())))
        .nextSerial());

    Plan plan = f.plan(teamApps());

    assertThat(plan.drifted()).isEmpty();
    assertThat(actions(plan).values()).containsOnly(Action.NOOP);
  }

  @Test
  void aComputedAttributeThatChangedIsDrift() {
    f.planAndApply(teamApps());
    f.world.tamper("access.team_apps.service_principal", "server", "elsewhere.azurecr.io");

    Change sp = change(f.plan(teamApps()), "access.team_apps.service_principal");

    assertThat(sp.drift().notes()).containsExactly(
        "server: state has \"pullplandemo.azurecr.io\", actual is \"elsewhere.azurecr.io\" (changed outside pullplan)");
  }

  @Test
  void secretChangedOutsidePullplanIsUpdatedAndReportedAsDrift() {
    f.planAndApply(teamApps());
    f.world.tamperSensitive("access.team_apps.k8s_secret[\"apps\"]", "password", "hacked");

    Change secret = change(f.plan(teamApps()), "access.team_apps.k8s_secret[\"apps\"]");

    assertThat(secret.action()).isEqualTo(Action.UPDATE);
    assertThat(secret.reasons()).containsExactly("password differs from the credential it should hold (the credential changed, or the object was changed outside pullplan)");
    assertThat(secret.drift().cause()).isEqualTo(Drift.Cause.CHANGED);
    assertThat(secret.drift().notes()).containsExactly("password: differs from state (changed outside pullplan)");
    assertThat(secret.attributes()).singleElement().satisfies(a -> {
      assertThat(a.sensitive()).isTrue();
      assertThat(a.after()).contains(AttributeChange.SENSITIVE);
    });
  }

  @Test
  void objectDeletedOutsidePullplanIsRecreated() {
    f.planAndApply(teamApps());
    f.world.objects().remove("access.team_apps.k8s_secret[\"jobs\"]");

    Change secret = change(f.plan(teamApps()), "access.team_apps.k8s_secret[\"jobs\"]");

    assertThat(secret.action()).isEqualTo(Action.CREATE);
    assertThat(secret.drift().cause()).isEqualTo(Drift.Cause.DELETED);
    assertThat(secret.drift().notes()).containsExactly("deleted outside pullplan");
    assertThat(secret.reasons()).contains("in state but missing: deleted outside pullplan");
  }

  @Test
  void replaceForcingAttributeChangeReplaces() {
    f.planAndApply(stack().attach("dev_attach", "dev").build());
    f.world.tamper("access.dev_attach.attach", "registry", "other");

    Change attach = change(f.plan(stack().attach("dev_attach", "dev").build()), "access.dev_attach.attach");

    assertThat(attach.action()).isEqualTo(Action.REPLACE);
    assertThat(attach.attributes()).singleElement().satisfies(a -> assertThat(a.forcesReplacement()).isTrue());
  }

  @Test
  void replaceOptionReplacesAMatchingResource() {
    f.planAndApply(teamApps());

    Plan plan = f.plan(teamApps(), new PlanOptions(PlanMode.NORMAL, List.of(), List.of("access.team_apps.role_assignment"), 4));

    assertThat(change(plan, "access.team_apps.role_assignment").action()).isEqualTo(Action.REPLACE);
    assertThat(change(plan, "access.team_apps.role_assignment").reasons()).first().isEqualTo("replacement requested with --replace");
  }

  @Test
  void targetLimitsThePlanToTheResourceAndItsDependencies() {
    Stack two = stack().serviceAccount("team_apps", "dev", List.of("apps"), servicePrincipal("60d"))
        .attach("dev_attach", "dev").build();

    Plan plan = f.plan(two, new PlanOptions(PlanMode.NORMAL, List.of("access.team_apps.k8s_secret[\"apps\"]"), List.of(), 4));

    assertThat(plan.changes()).extracting(c -> c.address().toString()).containsExactlyInAnyOrder(
        "access.team_apps.service_principal", "access.team_apps.role_assignment", "access.team_apps.k8s_secret[\"apps\"]");
  }

  @Test
  void targetMatchingNothingIsAnError() {
    assertThatThrownBy(() -> f.plan(teamApps(), new PlanOptions(PlanMode.NORMAL, List.of("access.nope"), List.of(), 4)))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("--target access.nope matches no resource");
  }

  @Test
  void replaceMatchingNothingIsAnError() {
    assertThatThrownBy(() -> f.plan(teamApps(), new PlanOptions(PlanMode.NORMAL, List.of(), List.of("access.nope.attach"), 4)))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("--replace access.nope.attach matches no resource");
  }

  @Test
  void refreshOnlyPlansNoChangesButReportsDrift() {
    f.planAndApply(teamApps());
    f.world.tamper("access.team_apps.k8s_secret[\"apps\"]", "server", "evil.example");

    Plan plan = f.plan(teamApps(), new PlanOptions(PlanMode.REFRESH_ONLY, List.of(), List.of(), 4));

    assertThat(plan.effectiveChanges()).isEmpty();
    assertThat(plan.drifted()).extracting(c -> c.address().toString()).containsExactly("access.team_apps.k8s_secret[\"apps\"]");
    assertThat(plan.hasChanges()).isTrue();
    assertThat(plan.refreshed().resource(Address.parse("access.team_apps.k8s_secret[\"apps\"]").orElseThrow())
        .orElseThrow().attributes()).containsEntry("server", "evil.example");
  }

  @Test
  void destroyPlansDeletionOfEverythingInState() {
    f.planAndApply(teamApps());

    Plan plan = f.plan(teamApps(), new PlanOptions(PlanMode.DESTROY, List.of(), List.of(), 4));

    assertThat(plan.summary()).hasToString("Plan: 0 to add, 0 to change, 6 to destroy, 0 to rotate.");
    assertThat(plan.changes()).allSatisfy(c -> assertThat(c.reasons()).containsExactly("destroy requested"));
  }

  @Test
  void destroyWithTargetDestroysTheTargetAndItsDependantsButNotWhatItDependsOn() {
    f.planAndApply(teamApps());

    Plan plan = f.plan(teamApps(), new PlanOptions(PlanMode.DESTROY, List.of("access.team_apps.k8s_secret[\"apps\"]"), List.of(), 4));

    // the credential and its grant still serve the secret in "jobs": destroying one secret must not take them
    assertThat(plan.effectiveChanges()).extracting(c -> c.address().toString()).containsExactlyInAnyOrder(
        "access.team_apps.k8s_secret[\"apps\"]", "access.team_apps.sa_pull_secret[\"apps/default\"]");
  }

  @Test
  void sensitiveValuesNeverAppearInChanges() {
    f.planAndApply(teamApps());
    f.clock.advance(Duration.ofDays(61));

    Plan plan = f.plan(teamApps());

    assertThat(plan.changes().toString()).doesNotContain("pw-");
  }

  static Change change(Plan plan, String address) {
    return plan.changes().stream().filter(c -> c.address().toString().equals(address)).findFirst().orElseThrow();
  }
}
