package dev.pullplan.render;

import dev.pullplan.json.Json;
import dev.pullplan.plan.Action;
import dev.pullplan.plan.AttributeChange;
import dev.pullplan.plan.Change;
import dev.pullplan.plan.Plan;
import dev.pullplan.diag.Diagnostic;
import dev.pullplan.plan.Summary;
import dev.pullplan.spi.Unknown;
import dev.pullplan.state.Version;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The plan as a versioned JSON document for machines, described by {@code schema/plan.schema.json}.
 * Sensitive values appear only as {@code "(sensitive)"}.
 */
public final class JsonPlanRenderer {
  public static final String FORMAT_VERSION = "1.0";

  public String render(Plan plan) {
    return Json.write(document(plan));
  }

  public Map<String, Object> document(Plan plan) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format_version", FORMAT_VERSION);
    doc.put("pullplan_version", Version.current());
    doc.put("mode", plan.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    doc.put("created_at", plan.createdAt().toString());
    doc.put("config_digest", plan.configDigest());
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("exists", plan.baseExisted());
    state.put("lineage", plan.base().lineage());
    state.put("serial", plan.base().serial());
    doc.put("state", state);
    Summary s = plan.summary();
    doc.put("summary", Map.of("add", s.add(), "change", s.change(), "destroy", s.destroy(), "rotate", s.rotate()));
    doc.put("has_changes", plan.hasChanges());
    if (!plan.deposedLeft().isEmpty()) {
      doc.put("deposed", plan.deposedLeft().stream().map(d -> Map.of("address", d.address().toString(), "key", d.key(),
          "kind", d.kind().keyword(), "action", d.description())).toList());
    }
    if (plan.mode() != dev.pullplan.plan.PlanMode.REFRESH_ONLY && !plan.forgotten().isEmpty()) {
      doc.put("forgotten", plan.forgotten());
    }
    List<Adopted> adopted = Adopted.of(plan);
    if (!adopted.isEmpty()) {
      doc.put("adopted", adopted.stream().map(a -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", a.address());
        m.put("context", a.context());
        return m;
      }).toList());
    }
    List<Object> changes = new ArrayList<>();
    plan.changes().forEach(c -> changes.add(change(c)));
    doc.put("changes", changes);
    doc.put("moves", plan.moves().stream()
        .map(m -> Map.of("from", m.from().toString(), "to", m.to().toString())).toList());
    doc.put("problems", plan.problems().stream().map(JsonPlanRenderer::problem).toList());
    doc.put("warnings", plan.warnings());
    doc.put("selected_namespaces", plan.selectedNamespaces());
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("api_calls", plan.apiCalls());
    stats.put("api_calls_total", plan.apiCalls().values().stream().mapToLong(Long::longValue).sum());
    if (!plan.phaseMillis().isEmpty()) {
      Map<String, Long> phases = new LinkedHashMap<>();
      for (String phase : List.of("expand", "refresh", "diff")) {
        phases.put(phase, plan.phaseMillis().getOrDefault(phase, 0L));
      }
      stats.put("phase_ms", phases);
    }
    doc.put("statistics", stats);
    return doc;
  }

  private static Map<String, Object> change(Change c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("address", c.address().toString());
    m.put("type", c.type());
    m.put("provider", c.provider());
    m.put("action", c.action().keyword());
    m.put("create_before_destroy", c.action() == Action.CREATE_BEFORE_DESTROY);
    m.put("reasons", c.reasons());
    m.put("drift", c.drift().notes());
    m.put("drift_cause", c.drift().cause().name().toLowerCase(java.util.Locale.ROOT));
    m.put("context", c.context());
    m.put("attributes", c.attributes().stream().map(JsonPlanRenderer::attribute).toList());
    return m;
  }

  static Map<String, Object> attribute(AttributeChange a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", a.name());
    m.put("sensitive", a.sensitive());
    a.before().ifPresent(v -> m.put("before", a.sensitive() ? AttributeChange.SENSITIVE : v));
    if (a.after().orElse(null) instanceof Unknown) {
      m.put("after_unknown", true);
    } else {
      a.after().ifPresent(v -> m.put("after", a.sensitive() ? AttributeChange.SENSITIVE : v));
    }
    m.put("forces_replacement", a.forcesReplacement());
    return m;
  }

  static Map<String, Object> problem(Diagnostic p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("address", p.subject());
    m.put("message", p.message());
    p.hint().ifPresent(h -> m.put("hint", h));
    return m;
  }
}
