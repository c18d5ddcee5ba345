package dev.pullplan.run;

import static dev.pullplan.testing.TestStacks.servicePrincipal;
import static dev.pullplan.testing.TestStacks.stack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullplan.PullplanException;
import dev.pullplan.plan.Plan;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.state.State;
import dev.pullplan.testing.EngineFixture;
import dev.pullplan.testing.TestStacks;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StackIdentityTest {
  private final EngineFixture f = new EngineFixture();

  private static TestStacks teamApps() {
    return stack().serviceAccount("team_apps", "dev", List.of("apps"), servicePrincipal("60d"));
  }

  @Test
  void aNewStackRecordsItsDirectoryNameInState() {
    f.planAndApply(teamApps().dir(Path.of("/ci/checkout-1/platform")).build());

    assertThat(f.current().stack()).contains("platform");
  }

  @Test
  void theSameConfigAndStateInAnotherDirectoryPlanNoChanges() {
    f.planAndApply(teamApps().dir(Path.of("/ci/checkout-1/platform")).build());

    Plan elsewhere = f.plan(teamApps().dir(Path.of("/ci/checkout-2/renamed")).build());

    assertThat(elsewhere.hasChanges()).as(elsewhere.changes().toString()).isFalse();
  }

  @Test
  void aDeclaredNameIsRecordedInsteadOfTheDirectory() {
    f.planAndApply(teamApps().dir(Path.of("/work/platform")).named("prod-eu").build());

    assertThat(f.current().stack()).contains("prod-eu");
    assertThat(f.current().resources()).extracting(r -> r.attributes().get("stack")).containsOnly("prod-eu");
  }

  @Test
  void aDeclaredNameOtherThanTheRecordedOneIsAnErrorNamingBoth() {
    f.planAndApply(teamApps().dir(Path.of("/work/platform")).build());

    assertThatThrownBy(() -> f.plan(teamApps().dir(Path.of("/work/platform")).named("prod-eu").build()))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("\"prod-eu\"")
        .hasMessageContaining("belongs to stack \"platform\"")
        .hasMessageContaining("stack = \"platform\"");
  }

  @Test
  void declaringTheRecordedNameChangesNothing() {
    f.planAndApply(teamApps().dir(Path.of("/work/platform")).build());

    Plan plan = f.plan(teamApps().dir(Path.of("/elsewhere/x")).named("platform").build());

    assertThat(plan.hasChanges()).isFalse();
  }

  @Test
  void aStateWrittenBeforeNamesWereRecordedTakesTheNameItsResourcesCarry() {
    f.planAndApply(teamApps().dir(Path.of("/work/platform")).build());
    State recorded = f.current();
    State legacy = new State(recorded.formatVersion(), recorded.serial(), recorded.lineage(),
        recorded.pullplanVersion(), recorded.configDigest(), recorded.provenance(), recorded.resources());
    f.state.write(legacy);

    Plan plan = f.plan(teamApps().dir(Path.of("/checkout/renamed")).build());

    assertThat(plan.hasChanges()).isFalse();
  }
}
