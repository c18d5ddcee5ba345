package dev.pullplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.address.Address;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.state.LocalStateBackend;
import dev.pullplan.state.State;
import dev.pullplan.state.StateLock;
import dev.pullplan.testing.Schemas;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class DriftCommandTest {
  private static final String SECRET_APPS = "access.team_apps.k8s_secret[\"apps\"]";
  private static final String PARTNER = """
      registry "shared" {
        acr {
          name           = "pullplandemo"
          resource_group = "rg-registry"
        }
      }
      cluster "partner" {
        context = "partner"
      }
      access "partner_edge" {
        registry   = registry.shared
        cluster    = cluster.partner
        mode       = "pull_secret"
        namespaces = ["edge"]
        credential {
          type          = "token"
          repositories  = ["edge/sim"]
          expires_after = "30d"
          renew_before  = "7d"
        }
      }
      """;

  @TempDir Path dir;
  CliRun cli;

  @BeforeEach
  void stack() throws Exception {
    Files.writeString(dir.resolve("main.pullplan.hcl"), CommandLineTest.STACK);
    cli = new CliRun(dir);
  }

  private Path stateFile() {
    return dir.resolve("pullplan.state.json");
  }

  private LocalStateBackend backend() {
    return new LocalStateBackend(stateFile(), Optional.empty(), warning -> {});
  }

  private void applied() {
    assertThat(cli.inStack("apply", "--auto-approve").exit()).isZero();
  }

  @Test
  void noDriftExitsZero() {
    applied();

    CliRun.Result r = cli.inStack("drift");

    assertThat(r.exit()).as(r.all()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("No drift: 6 resources match the state and the config.");
  }

  @Test
  void aChangeBehindPullplansBackExitsTwoAndIsInEveryFormat() throws Exception {
    applied();
    cli.world.tamper(SECRET_APPS, "server", "evil.example");
    Path json = dir.resolve("reports/drift.json");
    Path markdown = dir.resolve("reports/drift.md");
    Path junit = dir.resolve("reports/drift.xml");

    CliRun.Result r = cli.inStack("drift", "--format", "text", "--format", "json", "--output", json.toString(),
        "--format", "markdown", "--output", markdown.toString(), "--format", "junit", "--output", junit.toString());

    assertThat(r.exit()).as(r.all()).isEqualTo(ExitCodes.CHANGES);
    assertThat(r.out()).contains(SECRET_APPS + ": changed outside pullplan").contains("actual is \"evil.example\"");
    assertThat(Files.readString(json)).contains("\"address\" : \"access.team_apps.k8s_secret[\\\"apps\\\"]\"")
        .contains("\"kind\" : \"changed-outside\"");
    assertThat(Files.readString(markdown)).contains("<code>access.team_apps.k8s_secret[&quot;apps&quot;]</code>")
        .contains("changed outside pullplan");
    assertThat(Files.readString(junit)).contains("name=\"access.team_apps.k8s_secret[&quot;apps&quot;]\"")
        .contains("<failure message=\"changed outside pullplan;");
    assertThat(r.err()).contains("Wrote the junit drift report to " + junit);
  }

  @Test
  void aConfigChangeNotAppliedIsAPendingChangeAndExitsTwo() throws Exception {
    applied();
    Files.writeString(dir.resolve("main.pullplan.hcl"), CommandLineTest.STACK.replace("\"jobs\"]", "\"jobs\", \"web\"]"));

    CliRun.Result r = cli.inStack("drift");

    assertThat(r.exit()).as(r.all()).isEqualTo(ExitCodes.CHANGES);
    assertThat(r.out()).contains("access.team_apps.k8s_secret[\"web\"]: pending change: the config changed and was not applied")
        .contains("apply would: create it");
  }

  @Test
  void aCredentialNearExpiryIsReported() throws Exception {
    Files.writeString(dir.resolve("main.pullplan.hcl"), PARTNER);
    applied();
    // The token was just created with 30 days to live; move its expiry, in the world and in state
    // alike, to 5 days from now: inside renew_before = 7d, and no drift.
    String soon = Instant.now().plus(Duration.ofDays(5)).plusSeconds(60).toString();
    cli.world.tamper("access.partner_edge.token", "expires_at", soon);
    State state = backend().read().orElseThrow();
    Address token = Address.parse("access.partner_edge.token").orElseThrow();
    ResourceState recorded = state.resource(token).orElseThrow();
    Map<String, Object> attributes = new LinkedHashMap<>(recorded.attributes());
    attributes.put("expires_at", soon);
    backend().write(state.with(token, Optional.of(recorded.withAttributes(attributes, recorded.sensitive()))).nextSerial());

    CliRun.Result r = cli.inStack("drift");

    assertThat(r.exit()).as(r.all()).isEqualTo(ExitCodes.CHANGES);
    assertThat(r.out()).contains("access.partner_edge.token: credential due for rotation")
        .contains("access.partner_edge.k8s_secret[\"edge\"]: credential due for rotation")
        .contains("credential expires in 5 days").contains("renew_before = 7d")
        .contains("2 for credential rotation");
  }

  @Test
  void driftRunsWhileAnApplyHoldsTheLockAndWritesNoState() throws Exception {
    applied();
    cli.world.tamper(SECRET_APPS, "server", "evil.example");
    byte[] before = Files.readAllBytes(stateFile());
    byte[] backupBefore = Files.readAllBytes(dir.resolve("pullplan.state.json.backup"));

    CliRun.Result r;
    try (StateLock held = backend().lock("apply", Duration.ZERO)) {
      r = cli.inStack("drift", "--format", "json");
    }

    assertThat(r.exit()).as(r.all()).isEqualTo(ExitCodes.CHANGES);
    assertThat(r.err()).doesNotContain("lock");
    assertThat(Files.readAllBytes(stateFile())).isEqualTo(before);
    assertThat(Files.readAllBytes(dir.resolve("pullplan.state.json.backup"))).isEqualTo(backupBefore);
  }

  @Test
  void jsonFromTheCommandLineValidatesAgainstTheDriftSchema() {
    applied();
    cli.world.objects().remove(SECRET_APPS);

    CliRun.Result r = cli.inStack("drift", "--format", "json");

    assertThat(r.exit()).as(r.all()).isEqualTo(ExitCodes.CHANGES);
    assertThat(Schemas.validate("drift.schema.json", r.out())).isEmpty();
    assertThat(r.out()).contains("\"kind\" : \"missing\"");
  }

  @Test
  void junitToAFileIsWellFormedWithOneTestcasePerResource() throws Exception {
    applied();
    cli.world.tamper(SECRET_APPS, "server", "evil.example");
    Path junit = dir.resolve("drift.xml");

    CliRun.Result r = cli.inStack("drift", "--format", "junit", "--output", junit.toString());

    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(Files.readAllBytes(junit)));
    assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(6);
    assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(1);
    assertThat(r.out()).startsWith("Drift: 1 changed outside pullplan");
  }

  @Test
  void noReportNorSummaryEverShowsASecret() throws Exception {
    applied();
    cli.world.tamperSensitive(SECRET_APPS, "password", "tampered-secret");
    String password = cli.world.objects().get("access.team_apps.k8s_secret[\"jobs\"]").sensitive().get("password");
    Path md = dir.resolve("drift.md");

    CliRun.Result r = cli.inStack("drift", "--format", "json", "--format", "markdown", "--output", md.toString());

    assertThat(r.all() + Files.readString(md)).doesNotContain("tampered-secret").doesNotContain(password);
  }

  @Test
  void twoReportsOnStandardOutputAreRefused() {
    CliRun.Result r = cli.inStack("drift", "--format", "json", "--format", "markdown");

    assertThat(r.exit()).as(r.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("only one drift report can go to standard output");
  }

  @Test
  void aConfigErrorExitsOne() throws Exception {
    Files.writeString(dir.resolve("main.pullplan.hcl"), "access \"x\" {");

    assertThat(cli.inStack("drift").exit()).isEqualTo(ExitCodes.ERROR);
  }

  @Test
  void helpExplainsFormatsAndExitCodes() {
    CliRun.Result r = cli.run("drift", "--help");

    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out()).contains("Usage: pullplan drift").contains("--format").contains("junit").contains("--output")
        .contains("0 no drift, 2 drift or pending changes, 1 error");
  }
}
