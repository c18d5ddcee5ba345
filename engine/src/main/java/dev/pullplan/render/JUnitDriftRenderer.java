package dev.pullplan.render;

import dev.pullplan.address.Address;
import dev.pullplan.drift.DriftItem;
import dev.pullplan.drift.DriftReport;
import dev.pullplan.diag.Diagnostic;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A drift report as JUnit XML, the format every CI dashboard reads: one test suite per block, one
 * test case per resource — passing when in sync, a failure when it drifted, an error when it
 * could not be checked — so drift shows up as failing tests.
 */
public final class JUnitDriftRenderer {
  private static final String SUITES_NAME = "pullplan drift";

  public String render(DriftReport report) {
    Document doc = newDocument();
    Element suites = doc.createElement("testsuites");
    suites.setAttribute("name", SUITES_NAME);
    doc.appendChild(suites);
    Map<String, List<DriftItem>> byBlock = report.resources().stream()
        .collect(Collectors.groupingBy(r -> r.address().block(), LinkedHashMap::new, Collectors.toList()));
    Map<String, List<Diagnostic>> problemsByBlock = report.problems().stream()
        .collect(Collectors.groupingBy(JUnitDriftRenderer::block, LinkedHashMap::new, Collectors.toList()));
    problemsByBlock.keySet().forEach(b -> byBlock.putIfAbsent(b, List.of()));
    int tests = 0;
    int failures = 0;
    for (Map.Entry<String, List<DriftItem>> group : byBlock.entrySet()) {
      List<Diagnostic> problems = problemsByBlock.getOrDefault(group.getKey(), List.of());
      Element suite = suite(doc, group.getKey(), group.getValue(), problems, report);
      suites.appendChild(suite);
      tests += group.getValue().size() + problems.size();
      failures += (int) group.getValue().stream().filter(DriftItem::isFinding).count();
    }
    suites.setAttribute("tests", String.valueOf(tests));
    suites.setAttribute("failures", String.valueOf(failures));
    suites.setAttribute("errors", String.valueOf(report.problems().size()));
    return write(doc);
  }

  private static Element suite(Document doc, String block, List<DriftItem> items, List<Diagnostic> problems, DriftReport report) {
    Element suite = doc.createElement("testsuite");
    suite.setAttribute("name", block);
    suite.setAttribute("tests", String.valueOf(items.size() + problems.size()));
    suite.setAttribute("failures", String.valueOf(items.stream().filter(DriftItem::isFinding).count()));
    suite.setAttribute("errors", String.valueOf(problems.size()));
    suite.setAttribute("skipped", "0");
    suite.setAttribute("timestamp", report.checkedAt().toString());
    for (DriftItem item : items) {
      Element testcase = testcase(doc, block, item.address().toString());
      if (item.isFinding()) {
        Element failure = doc.createElement("failure");
        failure.setAttribute("type", item.kind().keyword());
        failure.setAttribute("message", xmlSafe(item.kind().phrase() + "; apply would " + item.applyWould()));
        failure.setTextContent(xmlSafe(details(item)));
        testcase.appendChild(failure);
      }
      suite.appendChild(testcase);
    }
    for (Diagnostic p : problems) {
      Element testcase = testcase(doc, block, p.subject());
      Element error = doc.createElement("error");
      error.setAttribute("type", "not-checked");
      error.setAttribute("message", xmlSafe(p.message()));
      error.setTextContent(xmlSafe(p.toString()));
      testcase.appendChild(error);
      suite.appendChild(testcase);
    }
    return suite;
  }

  private static Element testcase(Document doc, String block, String name) {
    Element testcase = doc.createElement("testcase");
    testcase.setAttribute("classname", block);
    testcase.setAttribute("name", xmlSafe(name));
    testcase.setAttribute("time", "0");
    return testcase;
  }

  private static String details(DriftItem item) {
    StringBuilder out = new StringBuilder(item.kind().phrase()).append('\n');
    out.append("direction: ").append(item.kind().direction().phrase()).append('\n');
    item.differences().forEach(d -> out.append("  ").append(d).append('\n'));
    item.expiresAt().ifPresent(e -> out.append("expires at ").append(e).append('\n'));
    out.append("apply would: ").append(item.applyWould()).append('\n');
    return out.toString();
  }

  /** Drops characters XML 1.0 cannot hold (control characters in a value read from a cluster). */
  private static String xmlSafe(String s) {
    return s.codePoints()
        .filter(c -> c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
  }

  /** A problem's block; problems about a whole block name it directly ({@code access.x}). */
  private static String block(Diagnostic p) {
    return Address.parse(p.subject()).map(Address::block).orElse(p.subject());
  }

  private static Document newDocument() {
    try {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK has no XML document builder", e);
    }
  }

  private static String write(Document doc) {
    try {
      var transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.INDENT, "yes");
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
      StringWriter out = new StringWriter();
      transformer.transform(new DOMSource(doc), new StreamResult(out));
      return out + "\n";
    } catch (TransformerException e) {
      throw new IllegalStateException("cannot write the JUnit report", e);
    }
  }
}
