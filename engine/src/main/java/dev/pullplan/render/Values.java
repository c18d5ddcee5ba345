package dev.pullplan.render;

import dev.pullplan.plan.AttributeChange;
import dev.pullplan.spi.Unknown;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** How attribute values read in human output: HCL literals. */
final class Values {
  private Values() {}

  static String show(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Unknown) {
      return "(known after apply)";
    }
    if (AttributeChange.SENSITIVE.equals(v)) {
      return AttributeChange.SENSITIVE;
    }
    if (v instanceof String s) {
      return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    if (v instanceof List<?> l) {
      return l.stream().map(Values::show).collect(Collectors.joining(", ", "[", "]"));
    }
    if (v instanceof Map<?, ?> m) {
      return m.entrySet().stream().map(e -> e.getKey() + " = " + show(e.getValue()))
          .collect(Collectors.joining(", ", "{ ", " }"));
    }
    if (v instanceof Double d && d == Math.rint(d)) {
      return String.valueOf(d.longValue());
    }
    return String.valueOf(v);
  }
}
