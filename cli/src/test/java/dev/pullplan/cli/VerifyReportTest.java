package dev.pullplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.cli.VerifyCommand.Check;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The verify reports other than the table, from the same rows. */
class VerifyReportTest {
  private static final List<Check> CHECKS = List.of(
      new Check("partner", "edge", "(pods listing pullplan-shared)", "tok@acr.example", "edge/sim:1.0", "ok",
          "the registry serves the manifest"),
      new Check("dev", "jobs", "default", "sp@acr.example", "(login only)", "fail",
          "rejected: registry acr.example rejected the credentials of user sp (401 <from> \"the\" token server)"),
      new Check("dev", "*", "*", "node identity", "*", "skipped", "the kubelet identity of attach is not verified yet"));

  @Test
  void junitHasOneTestCasePerCheckAndAFailureForTheFailedOne() throws Exception {
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(VerifyCommand.junit(CHECKS).getBytes(java.nio.charset.StandardCharsets.UTF_8)));

    assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(3);
    assertThat(xml.getElementsByTagName("failure").item(0).getAttributes().getNamedItem("message").getNodeValue())
        .contains("401 <from> \"the\" token server");
    assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("1");
    assertThat(xml.getDocumentElement().getAttribute("skipped")).isEqualTo("1");
  }

  @Test
  void markdownIsATableWithTheVerdictFirst() {
    String md = VerifyCommand.markdown(CHECKS);

    assertThat(md).startsWith("**Verify failed:** 1 of 3 check(s).");
    assertThat(md).contains("| dev | jobs | default | sp@acr.example | (login only) | **fail** |");
    assertThat(md.lines().filter(l -> l.startsWith("| "))).hasSize(4);
  }
}
