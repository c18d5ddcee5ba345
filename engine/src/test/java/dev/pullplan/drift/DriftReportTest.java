package dev.pullplan.drift;

import static dev.pullplan.testing.TestStacks.servicePrincipal;
import static dev.pullplan.testing.TestStacks.stack;
import static dev.pullplan.testing.TestStacks.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.address.Address;
import dev.pullplan.model.Stack;
import dev.pullplan.plan.Action;
import dev.pullplan.testing.EngineFixture;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DriftReportTest {
  private static final String SECRET_APPS = "access.team_apps.k8s_secret[\"apps\"]";

  private final EngineFixture f = new EngineFixture();

  private static Stack teamApps(String... namespaces) {
    return stack().serviceAccount("team_apps", "dev", List.of(namespaces), servicePrincipal("60d")).build();
  }

  private DriftReport check(Stack stack) {
    return DriftReport.of(f.plan(stack));
  }

  private static DriftItem item(DriftReport report, String address) {
    return report.resources().stream().filter(r -> r.address().toString().equals(address)).findFirst().orElseThrow();
  }

  @Test
  void everyResourceIsInSyncRightAfterApply() {
    f.planAndApply(teamApps("apps", "jobs"));

    DriftReport report = check(teamApps("apps", "jobs"));

    assertThat(report.hasFindings()).isFalse();
    assertThat(report.resources()).hasSize(6).allMatch(r -> r.kind() == DriftKind.IN_SYNC && r.action() == Action.NOOP);
    assertThat(report.summaryLine()).isEqualTo("No drift: 6 resources match the state and the config.");
  }

  @Test
  void anAttributeChangedBehindPullplansBackIsChangedOutsideWithWhatApplyWouldDo() {
    f.planAndApply(teamApps("apps"));
    f.world.tamper(SECRET_APPS, "server", "evil.example");

    DriftItem secret = item(check(teamApps("apps")), SECRET_APPS);

    assertThat(secret.kind()).isEqualTo(DriftKind.CHANGED_OUTSIDE);
    assertThat(secret.kind().direction()).isEqualTo(DriftKind.Direction.OUTSIDE);
    assertThat(secret.differences()).contains(
        "server: state has \"pullplandemo.azurecr.io\", actual is \"evil.example\" (changed outside pullplan)");
    assertThat(secret.action()).isEqualTo(Action.UPDATE);
    assertThat(secret.applyWould()).isEqualTo("update it in place to match the config");
  }

  @Test
  void anObjectDeletedOutsidePullplanIsMissingAndWouldBeCreatedAgain() {
    f.planAndApply(teamApps("apps"));
    f.world.objects().remove(SECRET_APPS);

    DriftItem secret = item(check(teamApps("apps")), SECRET_APPS);

    assertThat(secret.kind()).isEqualTo(DriftKind.MISSING);
    assertThat(secret.action()).isEqualTo(Action.CREATE);
    assertThat(secret.applyWould()).isEqualTo("create it again");
  }

  @Test
  void aRecordedObjectGoneWhereItWasHeldIsMissingAndWouldBeMadePullplansOwnNotCreatedAgain() {
    f.planAndApply(teamApps("apps"));
    f.world.goneAbove(SECRET_APPS, "the grant inherited from above is gone");

    DriftItem secret = item(check(teamApps("apps")), SECRET_APPS);

    assertThat(secret.kind()).isEqualTo(DriftKind.MISSING);
    assertThat(secret.differences()).contains("the grant inherited from above is gone");
    assertThat(secret.applyWould()).isEqualTo("create its own (what state recorded was not pullplan's to lose)");
  }

  @Test
  void anObjectGoneFromTheConfigAndFromTheWorldIsMissingAndWouldBeForgotten() {
    f.planAndApply(teamApps("apps", "jobs"));
    f.world.objects().remove("access.team_apps.k8s_secret[\"jobs\"]");

    DriftItem jobs = item(check(teamApps("apps")), "access.team_apps.k8s_secret[\"jobs\"]");

    assertThat(jobs.kind()).isEqualTo(DriftKind.MISSING);
    assertThat(jobs.action()).isEqualTo(Action.NOOP);
    assertThat(jobs.applyWould()).isEqualTo("forget it: remove it from state");
  }

  @Test
  void aConfigChangeNotYetAppliedIsAPendingChange() {
    f.planAndApply(teamApps("apps"));

    DriftReport report = check(teamApps("apps", "web"));

    DriftItem web = item(report, "access.team_apps.k8s_secret[\"web\"]");
    assertThat(web.kind()).isEqualTo(DriftKind.PENDING_CHANGE);
    assertThat(web.kind().direction()).isEqualTo(DriftKind.Direction.CONFIG);
    assertThat(web.differences()).containsExactly("in the config, not created yet");
    assertThat(web.applyWould()).isEqualTo("create it");
    assertThat(item(report, SECRET_APPS).kind()).isEqualTo(DriftKind.IN_SYNC);
  }

  @Test
  void aResourceRemovedFromTheConfigIsAPendingDelete() {
    f.planAndApply(teamApps("apps", "jobs"));

    DriftItem jobs = item(check(teamApps("apps")), "access.team_apps.k8s_secret[\"jobs\"]");

    assertThat(jobs.kind()).isEqualTo(DriftKind.PENDING_CHANGE);
    assertThat(jobs.action()).isEqualTo(Action.DELETE);
    assertThat(jobs.differences()).contains("no longer in the config");
  }

  @Test
  void anObjectThatExistsButIsNotInStateIsAnUnexpectedExtra() {
    f.planAndApply(teamApps("apps"));
    Address secret = Address.parse(SECRET_APPS).orElseThrow();
    f.state.write(f.current().with(secret, Optional.empty()));

    DriftItem item = item(check(teamApps("apps")), SECRET_APPS);

    assertThat(item.kind()).isEqualTo(DriftKind.UNEXPECTED_EXTRA);
    assertThat(item.applyWould()).isEqualTo("adopt it into state; it already matches the config");
  }

  @Test
  void aCredentialWithinRenewBeforeOfExpiryIsReportedWithItsExpiry() {
    Stack partner = stack().pullSecret("partner_edge", "partner", List.of("edge"), token("edge/sim")).build();
    f.planAndApply(partner);
    f.clock.advance(Duration.ofDays(25));

    DriftItem token = item(check(partner), "access.partner_edge.token");

    assertThat(token.kind()).isEqualTo(DriftKind.EXPIRING_CREDENTIAL);
    assertThat(token.kind().direction()).isEqualTo(DriftKind.Direction.CLOCK);
    assertThat(token.action()).isEqualTo(Action.ROTATE);
    assertThat(token.differences()).anyMatch(d -> d.startsWith("credential expires in 5 days"));
    assertThat(token.expiresAt()).contains(f.clock.instant().plus(Duration.ofDays(5)));
  }

  @Test
  void aCredentialPastRotateAfterIsReported() {
    f.planAndApply(teamApps("apps"));
    f.clock.advance(Duration.ofDays(61));

    DriftReport report = check(teamApps("apps"));

    assertThat(item(report, "access.team_apps.service_principal").kind()).isEqualTo(DriftKind.EXPIRING_CREDENTIAL);
    assertThat(report.summaryLine()).startsWith("Drift: 0 changed outside pullplan").contains("0 pending change");
  }

  @Test
  void aSecretThatOnlyTakesTheRotatedPasswordFollowsTheRotationNotAConfigChange() {
    f.planAndApply(teamApps("apps"));
    f.clock.advance(Duration.ofDays(61));

    DriftItem secret = item(check(teamApps("apps")), SECRET_APPS);

    assertThat(secret.action()).isEqualTo(Action.UPDATE);
    assertThat(secret.kind()).isEqualTo(DriftKind.EXPIRING_CREDENTIAL);
  }

  @Test
  void resourcesAreInAddressOrder() {
    f.planAndApply(teamApps("jobs", "apps"));

    List<Address> addresses = check(teamApps("jobs", "apps")).resources().stream().map(DriftItem::address).toList();

    assertThat(addresses).isSorted();
  }
}
