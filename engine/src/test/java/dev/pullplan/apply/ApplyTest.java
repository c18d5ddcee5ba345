package dev.pullplan.apply;

import static dev.pullplan.testing.TestStacks.servicePrincipal;
import static dev.pullplan.testing.TestStacks.stack;
import static dev.pullplan.testing.TestStacks.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullplan.diag.Diagnostic;
import dev.pullplan.address.Address;
import dev.pullplan.model.Credential;
import dev.pullplan.model.CredentialType;
import dev.pullplan.model.Lifetime;
import dev.pullplan.model.Stack;
import dev.pullplan.plan.Plan;
import dev.pullplan.plan.PlanMode;
import dev.pullplan.plan.PlanOptions;
import dev.pullplan.run.StalePlanException;
import dev.pullplan.testing.EngineFixture;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApplyTest {
  private static final String SP = "access.team_apps.service_principal";
  private static final String ROLE = "access.team_apps.role_assignment";
  private static final String SECRET_APPS = "access.team_apps.k8s_secret[\"apps\"]";
  private static final String SECRET_JOBS = "access.team_apps.k8s_secret[\"jobs\"]";
  private static final String ENTRY_APPS = "access.team_apps.sa_pull_secret[\"apps/default\"]";

  private final EngineFixture f = new EngineFixture();

  private static Stack teamApps() {
    return stack().serviceAccount("team_apps", "dev", List.of("apps", "jobs"), servicePrincipal("60d")).build();
  }

  private int at(String entry) {
    int i = f.world.log().indexOf(entry);
    assertThat(i).as("log has %s: %s", entry, f.world.log()).isNotNegative();
    return i;
  }

  @Test
  void applyCreatesDependenciesBeforeDependants() {
    ApplyResult result = f.planAndApply(teamApps());

    assertThat(result.succeeded()).isTrue();
    assertThat(at("create " + SP)).isLessThan(at("create " + ROLE));
    assertThat(at("create " + ROLE)).isLessThan(at("create " + SECRET_APPS));
    assertThat(at("create " + SECRET_APPS)).isLessThan(at("create " + ENTRY_APPS));
  }

  @Test
  void theProviderHearsEveryChangeOfTheApplyBeforeTheFirstStarts() {
    f.planAndApply(teamApps());

    assertThat(at("applying 6 (6 new)")).isLessThan(at("create " + SP));
  }

  @Test
  void aProviderThatFailsToPrepareOrToCheckAfterTheChangesDoesNotFailTheApply() {
    f.world.failAroundTheChanges();

    ApplyResult result = f.planAndApply(teamApps());

    assertThat(result.succeeded()).isTrue();
    assertThat(f.world.objects()).containsKey(SECRET_APPS);
    assertThat(f.plan(teamApps()).hasChanges()).isFalse();
  }

  @Test
  void secretsCarryTheCredentialsValues() {
    f.planAndApply(teamApps());

    var secret = f.world.objects().get(SECRET_APPS);
    var sp = f.current().resource(Address.parse(SP).orElseThrow()).orElseThrow();
    assertThat(secret.attributes()).containsEntry("username", "user-team_apps");
    assertThat(secret.sensitive()).containsEntry("password", sp.sensitive().get("password"));
  }

  @Test
  void stateIsWrittenAfterEverySingleChange() {
    f.planAndApply(teamApps());

    // one write of the new state's lineage, then one per resource
    assertThat(f.state.writes()).hasSize(1 + 6);
    assertThat(f.state.writes()).extracting(s -> s.resources().size()).containsExactly(0, 1, 2, 3, 4, 5, 6);
    assertThat(f.state.writes()).extracting(s -> s.serial()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
  }

  @Test
  void rotationCreatesTheNewPasswordUpdatesEverySecretThenRetiresTheOld() {
    f.planAndApply(teamApps());
    String oldPassword = f.world.objects().get(SECRET_APPS).sensitive().get("password");
    f.clock.advance(Duration.ofDays(61));
    f.world.log().clear();

    ApplyResult result = f.planAndApply(teamApps());

    assertThat(result.succeeded()).isTrue();
    assertThat(at("rotate " + SP)).isLessThan(at("update " + SECRET_APPS));
    assertThat(at("rotate " + SP)).isLessThan(at("update " + SECRET_JOBS));
    assertThat(at("retire " + SP)).isGreaterThan(at("update " + SECRET_APPS));
    assertThat(at("retire " + SP)).isGreaterThan(at("update " + SECRET_JOBS));
    assertThat(f.world.log()).doesNotContain("update " + ROLE);
    assertThat(f.world.objects().get(SECRET_APPS).sensitive().get("password")).isNotEqualTo(oldPassword);
    assertThat(f.plan(teamApps()).hasChanges()).isFalse();
  }

  @Test
  void aNewLifetimeRetiresTheOldPasswordOnlyAfterEverySecretHoldsTheNewOne() {
    f.planAndApply(teamApps());
    f.world.log().clear();
    Credential longer = new Credential(CredentialType.SERVICE_PRINCIPAL, List.of(), Lifetime.parse("120d"),
        Lifetime.parse("60d"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    ApplyResult result = f.planAndApply(
        stack().serviceAccount("team_apps", "dev", List.of("apps", "jobs"), longer).build());

    assertThat(result.succeeded()).isTrue();
    assertThat(at("update " + SP)).isLessThan(at("update " + SECRET_APPS));
    assertThat(at("retire " + SP)).isGreaterThan(at("update " + SECRET_APPS));
    assertThat(at("retire " + SP)).isGreaterThan(at("update " + SECRET_JOBS));
    assertThat(f.world.log()).filteredOn(line -> line.startsWith("retire ")).containsExactly("retire " + SP);
  }

  @Test
  void deletionRemovesDependantsBeforeTheCredential() {
    f.planAndApply(teamApps());
    f.world.log().clear();

    f.planAndApply(stack().build());

    assertThat(at("delete " + ENTRY_APPS)).isLessThan(at("delete " + SECRET_APPS));
    assertThat(at("delete " + SECRET_APPS)).isLessThan(at("delete " + SP));
    assertThat(f.world.objects()).isEmpty();
    assertThat(f.current().resources()).isEmpty();
  }

  @Test
  void oldCredentialIsDeletedOnlyAfterTheSecretsUsingItMovedToTheNewOne() {
    f.planAndApply(teamApps());
    f.world.log().clear();
    f.world.delay(SECRET_APPS, 150);
    Stack withToken = stack().serviceAccount("team_apps", "dev", List.of("apps", "jobs"), token("app")).build();

    ApplyResult result = f.planAndApply(withToken);

    assertThat(result.succeeded()).isTrue();
    // until the secret holds the token, the service principal is what running pulls use
    assertThat(at("delete " + ROLE)).isGreaterThan(at("update " + SECRET_APPS));
    assertThat(at("delete " + SP)).isGreaterThan(at("update " + SECRET_APPS));
    assertThat(at("delete " + SP)).isGreaterThan(at("update " + SECRET_JOBS));
  }

  @Test
  void failedSecretUpdateKeepsTheCredentialItStillUses() {
    f.planAndApply(teamApps());
    f.world.failOn(SECRET_APPS);
    Stack withToken = stack().serviceAccount("team_apps", "dev", List.of("apps", "jobs"), token("app")).build();

    ApplyResult result = f.planAndApply(withToken);

    assertThat(result.failures()).extracting(Diagnostic::subject).containsExactly(SECRET_APPS);
    assertThat(result.skipped()).extracting(Address::toString).contains(SP, ROLE);
    assertThat(f.world.objects()).containsKeys(SP, ROLE);
  }

  @Test
  void failureStopsDependantsButNotUnrelatedResources() {
    Stack two = stack().serviceAccount("team_apps", "dev", List.of("apps", "jobs"), servicePrincipal("60d"))
        .attach("dev_attach", "dev").build();
    f.world.failOn(ROLE);

    ApplyResult result = f.planAndApply(two);

    assertThat(result.failures()).singleElement().satisfies(e -> {
      assertThat(e.subject()).isEqualTo(ROLE);
      assertThat(e.message()).isEqualTo("injected failure for " + ROLE);
    });
    assertThat(result.skipped()).extracting(Address::toString).contains(SECRET_APPS, SECRET_JOBS, ENTRY_APPS);
    assertThat(f.world.objects()).containsKeys(SP, "access.dev_attach.attach").doesNotContainKey(SECRET_APPS);
    assertThat(f.current().resources()).extracting(r -> r.address().toString())
        .containsExactlyInAnyOrder(SP, "access.dev_attach.attach");
  }

  @Test
  void nextPlanPicksUpWhereAFailedApplyStopped() {
    f.world.failOn(ROLE);
    f.planAndApply(teamApps());
    f.world.clearFailures();

    Plan plan = f.plan(teamApps());

    assertThat(plan.effectiveChanges()).extracting(c -> c.address().toString()).doesNotContain(SP).contains(ROLE, SECRET_APPS);
    assertThat(f.apply(teamApps(), plan).succeeded()).isTrue();
    assertThat(f.plan(teamApps()).hasChanges()).isFalse();
  }

  @Test
  void independentBranchesRunInParallel() {
    Stack two = stack().serviceAccount("team_apps", "dev", List.of("apps", "jobs", "web", "api"), servicePrincipal("60d")).build();
    for (String ns : List.of("apps", "jobs", "web", "api")) {
      f.world.delay("access.team_apps.k8s_secret[\"" + ns + "\"]", 150);
    }

    f.planAndApply(two);

    assertThat(f.world.maxConcurrent()).isGreaterThan(1);
  }

  @Test
  void savedPlanIsRefusedOnceTheStateMovedOn() {
    f.planAndApply(teamApps());
    Plan stale = f.plan(teamApps());
    f.world.objects().remove(SECRET_APPS);
    f.planAndApply(teamApps());

    assertThatThrownBy(() -> f.apply(teamApps(), stale))
        .isInstanceOf(StalePlanException.class)
        .hasMessageContaining("the state moved on since the plan was made");
  }

  @Test
  void planMadeWithoutStateCannotBeAppliedTwice() {
    Plan plan = f.plan(teamApps());
    f.apply(teamApps(), plan);

    assertThatThrownBy(() -> f.apply(teamApps(), plan))
        .isInstanceOf(StalePlanException.class)
        .hasMessageContaining("the plan was made when there was no state");
  }

  @Test
  void appliedStateKeepsTheLineageThePlanCarried() {
    Plan plan = f.plan(teamApps());
    f.apply(teamApps(), plan);

    assertThat(f.current().lineage()).isEqualTo(plan.base().lineage());
  }

  @Test
  void savedPlanIsRefusedForAnotherLineage() {
    f.planAndApply(teamApps());
    Plan plan = f.plan(teamApps());
    EngineFixture other = new EngineFixture();
    other.planAndApply(teamApps());
    other.state.write(other.current());

    assertThatThrownBy(() -> other.apply(teamApps(), plan))
        .isInstanceOf(StalePlanException.class)
        .hasMessageContaining("it is a different state");
  }

  @Test
  void savedPlanIsRefusedWhenTheConfigChanged() {
    Plan plan = f.plan(teamApps());
    Stack changed = stack().serviceAccount("team_apps", "dev", List.of("apps", "jobs"), servicePrincipal("60d"))
        .digest("digest-2").build();

    assertThatThrownBy(() -> f.apply(changed, plan))
        .isInstanceOf(StalePlanException.class)
        .hasMessageContaining("the configuration changed since the plan was made");
  }

  @Test
  void refreshOnlyApplyWritesWhatExistsAndChangesNothing() {
    f.planAndApply(teamApps());
    f.world.tamper(SECRET_APPS, "server", "evil.example");
    f.world.log().clear();

    Plan plan = f.plan(teamApps(), new PlanOptions(PlanMode.REFRESH_ONLY, List.of(), List.of(), 4));
    f.apply(teamApps(), plan);

    assertThat(f.world.log()).allMatch(l -> l.startsWith("prefetch"));
    assertThat(f.current().resource(Address.parse(SECRET_APPS).orElseThrow()).orElseThrow().attributes())
        .containsEntry("server", "evil.example");
  }

  @Test
  void aCreateBeforeDestroyReplacementMakesTheNewObjectFirstAndRemovesTheOldAfterItsDependants() {
    f.world.createBeforeDestroy(dev.pullplan.expand.ResourceTypes.AZURE_ROLE_ASSIGNMENT);
    f.planAndApply(teamApps());
    String oldId = f.world.id(ROLE);

    Plan plan = f.plan(teamApps(), new PlanOptions(PlanMode.NORMAL, List.of(), List.of(ROLE), 4));
    assertThat(plan.changes()).filteredOn(c -> c.address().toString().equals(ROLE)).singleElement()
        .satisfies(c -> {
          assertThat(c.action()).isEqualTo(dev.pullplan.plan.Action.CREATE_BEFORE_DESTROY);
          assertThat(c.symbol()).isEqualTo("+/-");
        });
    f.world.log().clear();
    ApplyResult result = f.apply(teamApps(), plan);

    assertThat(result.succeeded()).isTrue();
    String newId = f.world.id(ROLE);
    assertThat(newId).isNotEqualTo(oldId);
    assertThat(at("create " + newId)).isLessThan(at("delete " + oldId));
    assertThat(f.world.objects()).containsKey(ROLE);
    assertThat(f.current().resource(Address.parse(ROLE).orElseThrow()).orElseThrow().id()).isEqualTo(newId);
  }

  @Test
  void aPlainReplacementDeletesTheOldObjectBeforeMakingTheNewOne() {
    f.planAndApply(teamApps());

    Plan plan = f.plan(teamApps(), new PlanOptions(PlanMode.NORMAL, List.of(), List.of(ROLE), 4));
    f.world.log().clear();
    f.apply(teamApps(), plan);

    assertThat(plan.changes()).filteredOn(c -> c.address().toString().equals(ROLE)).singleElement()
        .satisfies(c -> assertThat(c.action()).isEqualTo(dev.pullplan.plan.Action.REPLACE));
    assertThat(at("delete " + ROLE)).isLessThan(at("create " + ROLE));
  }

  @Test
  void retiringARotationNeverDeletesTheLiveCredential() {
    f.planAndApply(teamApps());
    f.clock.advance(Duration.ofDays(61));

    f.planAndApply(teamApps());

    assertThat(f.world.log()).contains("retire " + SP).doesNotContain("delete " + SP);
    assertThat(f.world.objects()).containsKey(SP);
  }

  @Test
  void aCreateBeforeDestroyReplacementThatFindsTheSameObjectAgainDeletesNothing() {
    f.planAndApply(teamApps());
    // a type whose create finds its object by a deterministic name, as role assignments do
    f.world.createBeforeDestroy(dev.pullplan.expand.ResourceTypes.AZURE_ROLE_ASSIGNMENT);
    f.world.sameIdOnCreate(dev.pullplan.expand.ResourceTypes.AZURE_ROLE_ASSIGNMENT);

    f.apply(teamApps(), f.plan(teamApps(), new PlanOptions(PlanMode.NORMAL, List.of(), List.of(ROLE), 4)));

    assertThat(f.world.log()).noneMatch(e -> e.startsWith("delete " + ROLE));
    assertThat(f.world.objects()).containsKey(ROLE);
  }
}
