package dev.pullplan.cli;

import dev.pullplan.plan.AttributeChange;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.state.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** State for people and for `--json`, secrets shown only as "(sensitive)". */
final class StateView {
  private StateView() {}

  static String resource(ResourceState r) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(r.address()).append(":\n");
    out.append(r.type()).append(" {\n");
    List<String> names = new ArrayList<>(r.attributes().keySet());
    names.addAll(r.sensitive().keySet());
    int width = Math.max(2, names.stream().mapToInt(String::length).max().orElse(2));
    out.append("    ").append(pad("id", width)).append(" = \"").append(r.id()).append("\"\n");
    r.attributes().forEach((k, v) -> out.append("    ").append(pad(k, width)).append(" = ").append(value(v)).append('\n'));
    r.sensitive().keySet().forEach(k -> out.append("    ").append(pad(k, width)).append(" = ").append(AttributeChange.SENSITIVE).append('\n'));
    if (!r.dependsOn().isEmpty()) {
      out.append("    # depends on: ").append(String.join(", ", r.dependsOn().stream().map(Object::toString).toList())).append('\n');
    }
    return out.append("}\n").toString();
  }

  static Map<String, Object> json(State state) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("serial", state.serial());
    doc.put("lineage", state.lineage());
    doc.put("pullplan_version", state.pullplanVersion());
    doc.put("config_digest", state.configDigest());
    state.provenance().ifPresent(p -> {
      Map<String, Object> prov = new LinkedHashMap<>();
      prov.put("commit", p.commit());
      p.branch().ifPresent(b -> prov.put("branch", b));
      prov.put("dirty", p.dirty());
      doc.put("provenance", prov);
    });
    List<Object> resources = new ArrayList<>();
    for (ResourceState r : state.resources()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("address", r.address().toString());
      m.put("type", r.type());
      m.put("provider", r.provider());
      m.put("id", r.id());
      m.put("attributes", r.attributes());
      Map<String, String> sensitive = new LinkedHashMap<>();
      r.sensitive().keySet().forEach(k -> sensitive.put(k, AttributeChange.SENSITIVE));
      m.put("sensitive", sensitive);
      m.put("depends_on", r.dependsOn().stream().map(Object::toString).toList());
      resources.add(m);
    }
    doc.put("resources", resources);
    return doc;
  }

  private static String value(Object v) {
    return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
  }

  private static String pad(String s, int width) {
    return String.format("%-" + width + "s", s);
  }
}
