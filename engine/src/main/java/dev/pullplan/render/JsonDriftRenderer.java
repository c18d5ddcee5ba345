package dev.pullplan.render;

import dev.pullplan.json.Json;
import dev.pullplan.drift.DriftItem;
import dev.pullplan.drift.DriftKind;
import dev.pullplan.drift.DriftReport;
import dev.pullplan.state.Version;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A drift report for machines, described by {@code schema/drift.schema.json}. No secret values. */
public final class JsonDriftRenderer {
  public static final String FORMAT_VERSION = "1.0";

  public String render(DriftReport report) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format_version", FORMAT_VERSION);
    doc.put("pullplan_version", Version.current());
    doc.put("checked_at", report.checkedAt().toString());
    doc.put("config_digest", report.configDigest());
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("exists", report.stateExists());
    state.put("lineage", report.stateLineage());
    state.put("serial", report.stateSerial());
    doc.put("state", state);
    doc.put("has_drift", report.hasFindings());
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("resources", report.resources().size());
    for (DriftKind kind : DriftKind.values()) {
      summary.put(kind.keyword().replace('-', '_'), report.count(kind));
    }
    summary.put("problems", report.problems().size());
    doc.put("summary", summary);
    List<Object> resources = new ArrayList<>();
    report.resources().forEach(r -> resources.add(item(r)));
    doc.put("resources", resources);
    doc.put("problems", report.problems().stream().map(JsonPlanRenderer::problem).toList());
    doc.put("warnings", report.warnings());
    return Json.write(doc);
  }

  private static Map<String, Object> item(DriftItem r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("address", r.address().toString());
    m.put("type", r.type());
    m.put("provider", r.provider());
    m.put("kind", r.kind().keyword());
    m.put("direction", r.kind().direction().keyword());
    m.put("differences", r.differences());
    m.put("action", r.action().keyword());
    m.put("apply_would", r.applyWould());
    r.expiresAt().ifPresent(e -> m.put("expires_at", e.toString()));
    m.put("attributes", r.attributes().stream().map(JsonPlanRenderer::attribute).toList());
    return m;
  }
}
