package dev.pullplan.apply;

import static dev.pullplan.testing.TestStacks.servicePrincipal;
import static dev.pullplan.testing.TestStacks.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.address.Address;
import dev.pullplan.model.Stack;
import dev.pullplan.plan.Plan;
import dev.pullplan.plan.PlanMode;
import dev.pullplan.plan.PlanOptions;
import dev.pullplan.render.Style;
import dev.pullplan.render.TextPlanRenderer;
import dev.pullplan.state.Deposed;
import dev.pullplan.state.State;
import dev.pullplan.testing.EngineFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a run killed mid-change leaves, and how the next run cleans it up. A kill is modelled by
 * cutting the state back to one of the versions the killed run wrote, with the world as it was
 * then or later.
 */
class CrashRecoveryTest {
  private static final String SP = "access.team_apps.service_principal";
  private static final String ROLE = "access.team_apps.role_assignment";
  private static final String SECRET_APPS = "access.team_apps.k8s_secret[\"apps\"]";

  private final EngineFixture f = new EngineFixture();

  private static Stack teamApps() {
    return stack().serviceAccount("team_apps", "dev", List.of("apps", "jobs"), servicePrincipal("60d")).build();
  }

  /** Forgets every write after the first one that {@code test} accepts: the state a kill right then leaves. */
  private State crashAfterWrite(java.util.function.Predicate<State> test) {
    List<State> writes = f.state.writes();
    int at = -1;
    for (int i = 0; i < writes.size(); i++) {
      if (test.test(writes.get(i))) {
        at = i;
        break;
      }
    }
    assertThat(at).as("a write matching the kill point").isNotNegative();
    while (writes.size() > at + 1) {
      writes.remove(writes.size() - 1);
    }
    return writes.get(at);
  }

  private static String password(State s) {
    return s.resource(Address.parse(SP).orElseThrow()).orElseThrow().sensitive().get("password");
  }

  @Test
  void theOldCredentialIsRecordedDeposedBeforeTheNewOneIsMade() {
    f.planAndApply(teamApps());
    String oldPassword = f.current().resource(Address.parse(SP).orElseThrow()).orElseThrow().sensitive().get("password");
    int before = f.state.writes().size();
    f.clock.advance(Duration.ofDays(61));

    f.planAndApply(teamApps());

    State deposing = f.state.writes().get(before);
    assertThat(deposing.deposed()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(Deposed.Kind.CREDENTIAL);
      assertThat(d.address().toString()).isEqualTo(SP);
      // what removing it needs, not its secret
      assertThat(d.object().sensitive()).isEmpty();
    });
    assertThat(deposing.resource(Address.parse(SP).orElseThrow()).orElseThrow().sensitive())
        .containsEntry("password", oldPassword);
    assertThat(f.current().deposed()).isEmpty();
  }

  @Test
  void aRotationKilledAfterTheNewPasswordWasMadeIsRetiredByTheNextApply() {
    f.planAndApply(teamApps());
    f.clock.advance(Duration.ofDays(61));
    f.planAndApply(teamApps());
    // killed after the new password was made, before it was recorded: state knows the old one only
    crashAfterWrite(s -> !s.deposed().isEmpty());
    f.world.log().clear();

    Plan next = f.plan(teamApps());

    assertThat(next.hasChanges()).isTrue();
    assertThat(next.deposedLeft()).extracting(d -> d.address().toString()).containsExactly(SP);
    assertThat(new TextPlanRenderer(Style.PLAIN).render(next)).contains(SP + ": retire deposed credential");
    assertThat(f.apply(teamApps(), next).succeeded()).isTrue();
    assertThat(f.world.log()).contains("retire-all-but " + SP);
    assertThat(f.current().deposed()).isEmpty();
    assertThat(f.plan(teamApps()).hasChanges()).isFalse();
  }

  @Test
  void theRetireOfALeftCredentialWaitsForEverySecretToHoldTheOneThatStays() {
    f.planAndApply(teamApps());
    String oldPassword = password(f.current());
    f.clock.advance(Duration.ofDays(61));
    f.planAndApply(teamApps());
    // killed right after the rotation was recorded: the secrets still hold the old password
    State left = crashAfterWrite(s -> !s.deposed().isEmpty() && !password(s).equals(oldPassword));
    f.world.tamperSensitive(SECRET_APPS, "password", "old");
    f.world.log().clear();

    assertThat(f.planAndApply(teamApps()).succeeded()).isTrue();

    int update = f.world.log().indexOf("update " + SECRET_APPS);
    int retire = f.world.log().indexOf("retire-all-but " + SP);
    assertThat(update).as("log %s", f.world.log()).isNotNegative();
    assertThat(retire).isGreaterThan(update);
    assertThat(left.deposed()).hasSize(1);
    assertThat(f.current().deposed()).isEmpty();
  }

  @Test
  void aReplacementKilledBetweenCreateAndDestroyLeavesARecordTheNextApplyDestroys() {
    f.world.createBeforeDestroy("azure_role_assignment");
    f.planAndApply(teamApps());
    String oldId = f.world.id(ROLE);
    f.apply(teamApps(), f.plan(teamApps(), new PlanOptions(PlanMode.NORMAL, List.of(), List.of(ROLE), 4)));
    // killed after the new assignment was recorded, before the old one was removed
    crashAfterWrite(s -> !s.deposed().isEmpty()
        && !s.resource(Address.parse(ROLE).orElseThrow()).orElseThrow().id().equals(oldId));
    f.world.log().clear();

    Plan next = f.plan(teamApps());

    assertThat(next.deposedLeft()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(Deposed.Kind.OBJECT);
      assertThat(d.object().id()).isEqualTo(oldId);
    });
    assertThat(f.apply(teamApps(), next).succeeded()).isTrue();
    assertThat(f.world.log()).contains("delete " + oldId);
    assertThat(f.plan(teamApps()).hasChanges()).isFalse();
  }

  @Test
  void aDestroyKilledAfterDeletingAnObjectIsFinishedByTheNextDestroy() {
    f.planAndApply(teamApps());
    PlanOptions destroy = new PlanOptions(PlanMode.DESTROY, List.of(), List.of(), 4);
    f.apply(teamApps(), f.plan(teamApps(), destroy));
    // killed after the credential was deleted, before its deletion was recorded
    crashAfterWrite(s -> s.resources().size() == 1);
    assertThat(f.world.objects()).isEmpty();

    Plan again = f.plan(teamApps(), destroy);

    assertThat(again.hasChanges()).isTrue();
    assertThat(again.forgotten()).containsExactly(SP);
    assertThat(new TextPlanRenderer(Style.PLAIN).render(again)).contains("no longer exist").contains(SP);
    f.apply(teamApps(), again);
    assertThat(f.current().resources()).isEmpty();
    assertThat(f.plan(teamApps(), destroy).hasChanges()).isFalse();
    assertThat(f.plan(teamApps(), new PlanOptions(PlanMode.REFRESH_ONLY, List.of(), List.of(), 4)).drifted()).isEmpty();
  }
}
