package dev.pullplan.render;

import static dev.pullplan.testing.TestStacks.servicePrincipal;
import static dev.pullplan.testing.TestStacks.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.model.Stack;
import dev.pullplan.plan.Plan;
import dev.pullplan.plan.PlanMode;
import dev.pullplan.plan.PlanOptions;
import dev.pullplan.testing.EngineFixture;
import dev.pullplan.testing.Schemas;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanRenderingTest {
  private final EngineFixture f = new EngineFixture();
  private final TextPlanRenderer text = new TextPlanRenderer(Style.PLAIN);
  private final JsonPlanRenderer json = new JsonPlanRenderer();

  private static Stack teamApps() {
    return stack().serviceAccount("team_apps", "dev", List.of("apps"), servicePrincipal("60d")).build();
  }

  @Test
  void textPlanReadsLikeTerraform() {
    String out = text.render(f.plan(teamApps()));

    assertThat(out).contains("pullplan will perform the following actions:");
    assertThat(out).contains("  # access.team_apps.k8s_secret[\"apps\"] will be created");
    assertThat(out).contains("  + k8s_secret {");
    assertThat(out).contains("+ namespace = \"apps\"");
    assertThat(out).contains("+ username  = (known after apply)");
    assertThat(out).contains("+ password  = (sensitive)");
    assertThat(out).contains("Plan: 4 to add, 0 to change, 0 to destroy, 0 to rotate.");
  }

  @Test
  void textPlanWithoutChangesSaysSo() {
    f.planAndApply(teamApps());

    assertThat(text.render(f.plan(teamApps()))).contains("No changes. Pull access matches the configuration.");
  }

  @Test
  void rotationShowsItsSymbolAndReason() {
    f.planAndApply(teamApps());
    f.clock.advance(Duration.ofDays(61));

    String out = text.render(f.plan(teamApps()));

    assertThat(out).contains("# access.team_apps.service_principal will be rotated");
    assertThat(out).contains("# (credential 61 days old, rotate_after = 60d)");
    assertThat(out).contains("~> password = (sensitive)");
    assertThat(out).contains("Plan: 0 to add, 1 to change, 0 to destroy, 1 to rotate.");
  }

  @Test
  void driftIsShownBeforeTheChanges() {
    f.planAndApply(teamApps());
    f.world.tamper("access.team_apps.k8s_secret[\"apps\"]", "server", "evil.example");

    String out = text.render(f.plan(teamApps()));

    assertThat(out).contains("Objects have changed outside of pullplan");
    assertThat(out).contains("server: state has \"pullplandemo.azurecr.io\", actual is \"evil.example\" (changed outside pullplan)");
    assertThat(out.indexOf("Objects have changed")).isLessThan(out.indexOf("will perform"));
    assertThat(out).contains("~ server = \"evil.example\" -> \"pullplandemo.azurecr.io\"");
  }

  @Test
  void colourIsOnlyAddedWhenAsked() {
    Plan plan = f.plan(teamApps());

    assertThat(text.render(plan)).doesNotContain("\u001b[");
    assertThat(new TextPlanRenderer(Style.COLOR).render(plan)).contains("\u001b[32m+\u001b[0m");
  }

  @Test
  void noSecretInTextOrJson() {
    f.planAndApply(teamApps());
    f.clock.advance(Duration.ofDays(61));
    f.world.tamperSensitive("access.team_apps.k8s_secret[\"apps\"]", "password", "tampered-secret");
    Plan plan = f.plan(teamApps());

    assertThat(text.render(plan)).doesNotContain("pw-1").doesNotContain("tampered-secret");
    assertThat(json.render(plan)).doesNotContain("pw-1").doesNotContain("tampered-secret");
  }

  @Test
  void jsonPlanValidatesAgainstItsSchema() {
    assertThat(Schemas.validate("plan.schema.json", json.render(f.plan(teamApps())))).isEmpty();
  }

  @Test
  void jsonPlanWithUpdatesRotationAndDriftValidates() {
    f.planAndApply(teamApps());
    f.clock.advance(Duration.ofDays(61));
    f.world.tamper("access.team_apps.k8s_secret[\"apps\"]", "server", "evil.example");

    assertThat(Schemas.validate("plan.schema.json", json.render(f.plan(teamApps())))).isEmpty();
    assertThat(Schemas.validate("plan.schema.json",
        json.render(f.plan(teamApps(), new PlanOptions(PlanMode.DESTROY, List.of(), List.of(), 2))))).isEmpty();
  }

  @Test
  void jsonPlanMarksValuesKnownOnlyAfterApply() {
    String doc = json.render(f.plan(teamApps()));

    assertThat(doc).contains("\"after_unknown\" : true");
    assertThat(doc).contains("\"action\" : \"create\"");
  }
}
