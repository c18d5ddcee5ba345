package dev.pullplan.render;

import static dev.pullplan.testing.TestStacks.servicePrincipal;
import static dev.pullplan.testing.TestStacks.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.drift.DriftReport;
import dev.pullplan.model.Stack;
import dev.pullplan.diag.Diagnostic;
import dev.pullplan.testing.EngineFixture;
import dev.pullplan.testing.Schemas;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class DriftRenderingTest {
  private static final String SECRET_APPS = "access.team_apps.k8s_secret[\"apps\"]";

  private final EngineFixture f = new EngineFixture();

  private static Stack teamApps(String... namespaces) {
    return stack().serviceAccount("team_apps", "dev", List.of(namespaces), servicePrincipal("60d")).build();
  }

  /** Applied, then tampered, the config grown by a namespace and the credential aged past rotate_after. */
  private DriftReport everyKindOfFinding() {
    f.planAndApply(teamApps("apps", "jobs"));
    f.world.tamper(SECRET_APPS, "server", "evil.example");
    f.world.tamperSensitive("access.team_apps.k8s_secret[\"jobs\"]", "password", "tampered-secret");
    f.clock.advance(Duration.ofDays(61));
    return DriftReport.of(f.plan(teamApps("apps", "jobs", "web")));
  }

  private static Document parseXml(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void textNamesEachFindingWhatDiffersAndWhatApplyWouldDo() {
    String out = new TextDriftRenderer(Style.PLAIN).render(everyKindOfFinding());

    assertThat(out).contains("! " + SECRET_APPS + ": changed outside pullplan");
    assertThat(out).contains("server: state has \"pullplandemo.azurecr.io\", actual is \"evil.example\" (changed outside pullplan)");
    assertThat(out).contains("apply would: update it in place to match the config");
    assertThat(out).contains("access.team_apps.k8s_secret[\"web\"]: pending change");
    assertThat(out).contains("access.team_apps.service_principal: credential due for rotation");
    assertThat(out).contains("Drift: 2 changed outside pullplan");
  }

  @Test
  void jsonValidatesAgainstTheDriftSchema() {
    String json = new JsonDriftRenderer().render(everyKindOfFinding());

    assertThat(Schemas.validate("drift.schema.json", json)).isEmpty();
    assertThat(json).contains("\"kind\" : \"changed-outside\"", "\"kind\" : \"pending-change\"",
        "\"kind\" : \"expiring-credential\"", "\"direction\" : \"outside\"", "\"has_drift\" : true");
  }

  @Test
  void jsonWithoutDriftValidatesToo() {
    f.planAndApply(teamApps("apps"));

    String json = new JsonDriftRenderer().render(DriftReport.of(f.plan(teamApps("apps"))));

    assertThat(Schemas.validate("drift.schema.json", json)).isEmpty();
    assertThat(json).contains("\"has_drift\" : false").contains("\"kind\" : \"in-sync\"");
  }

  @Test
  void junitIsWellFormedWithOneTestcasePerResourceAndFailuresForDrift() throws Exception {
    DriftReport report = everyKindOfFinding();

    Document xml = parseXml(new JUnitDriftRenderer().render(report));

    NodeList cases = xml.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(report.resources().size());
    assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(report.findings().size());
    Element root = xml.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("testsuites");
    assertThat(root.getAttribute("tests")).isEqualTo(String.valueOf(report.resources().size()));
    assertThat(root.getAttribute("failures")).isEqualTo(String.valueOf(report.findings().size()));
    Element secret = testcase(cases, SECRET_APPS);
    assertThat(secret.getAttribute("classname")).isEqualTo("access.team_apps");
    Element failure = (Element) secret.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("changed-outside");
    assertThat(failure.getTextContent()).contains("actual is \"evil.example\"");
  }

  @Test
  void junitInSyncResourcesPass() throws Exception {
    f.planAndApply(teamApps("apps"));

    Document xml = parseXml(new JUnitDriftRenderer().render(DriftReport.of(f.plan(teamApps("apps")))));

    assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(4);
    assertThat(xml.getElementsByTagName("failure").getLength()).isZero();
  }

  @Test
  void junitShowsResourcesThatCouldNotBeCheckedAsErrors() throws Exception {
    f.planAndApply(teamApps("apps"));
    DriftReport checked = DriftReport.of(f.plan(teamApps("apps")));
    DriftReport report = new DriftReport(checked.resources(),
        List.of(Diagnostic.about("access.partner.k8s_secret[\"edge\"]", "cluster partner is unreachable <timeout>", Optional.empty())),
        List.of(), checked.checkedAt(), checked.configDigest(), true, checked.stateLineage(), checked.stateSerial());

    Document xml = parseXml(new JUnitDriftRenderer().render(report));

    Element error = (Element) xml.getElementsByTagName("error").item(0);
    assertThat(error.getAttribute("message")).isEqualTo("cluster partner is unreachable <timeout>");
    assertThat(((Element) error.getParentNode()).getAttribute("classname")).isEqualTo("access.partner");
    assertThat(xml.getDocumentElement().getAttribute("errors")).isEqualTo("1");
  }

  @Test
  void markdownGroupsFindingsByBlockInDetailsAndNeverShowsASecret() {
    String md = new MarkdownDriftRenderer().render(everyKindOfFinding());

    assertThat(md).startsWith(MarkdownDriftRenderer.MARKER);
    assertThat(md).contains("<details><summary><code>access.team_apps</code>: ");
    assertThat(md).contains("</details>");
    assertThat(md).contains("| changed outside pullplan | 2 |");
    assertThat(md).contains("- apply would: update it in place to match the config");
    assertThat(md).contains("```diff\n- server   = \"evil.example\"\n+ server   = \"pullplandemo.azurecr.io\"\n");
    assertThat(md).doesNotContain("| in sync |");
    assertThat(md).doesNotContain("tampered-secret").doesNotContain("pw-1").doesNotContain("pw-2");
  }

  @Test
  void markdownEscapesValuesReadFromTheClusters() {
    f.planAndApply(teamApps("apps"));
    f.world.tamper(SECRET_APPS, "server", "<img src=x onerror=alert(1)>");

    String md = new MarkdownDriftRenderer().render(DriftReport.of(f.plan(teamApps("apps"))));

    assertThat(md.replaceAll("(?s)```diff.*?```", "")).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;");
  }

  @Test
  void markdownWithoutDriftSaysSo() {
    f.planAndApply(teamApps("apps"));

    String md = new MarkdownDriftRenderer().render(DriftReport.of(f.plan(teamApps("apps"))));

    assertThat(md).contains("**No drift: 4 resources match the state and the config.**").doesNotContain("<details>");
  }

  private static Element testcase(NodeList cases, String name) {
    for (int i = 0; i < cases.getLength(); i++) {
      Element e = (Element) cases.item(i);
      if (e.getAttribute("name").equals(name)) {
        return e;
      }
    }
    throw new AssertionError("no testcase " + name);
  }
}
