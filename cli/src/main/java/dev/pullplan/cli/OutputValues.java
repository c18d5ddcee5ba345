package dev.pullplan.cli;

import dev.pullplan.model.Output;
import dev.pullplan.model.Stack;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The config's {@code output} blocks as people and scripts read them. An output reads only
 * variables and block names, so its value is computed from the configuration (it is not recorded
 * in state). A sensitive value is shown as {@code (sensitive)} except when asked for by name.
 */
final class OutputValues {
  static final String HIDDEN = "(sensitive)";

  private OutputValues() {}

  /** {@code Outputs:} and one {@code name = value} line each, as after a Terraform apply; empty without outputs. */
  static String section(Stack stack) {
    if (stack.outputs().isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("\nOutputs:\n\n");
    stack.outputs().values().forEach(o -> out.append(line(o)).append('\n'));
    return out.toString();
  }

  static String line(Output o) {
    return o.name() + " = " + (o.sensitive() ? HIDDEN : hcl(o.value()));
  }

  /** A value in HCL's syntax: strings quoted, lists in brackets, maps in braces. */
  static String hcl(Object value) {
    if (value instanceof String s) {
      return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    if (value instanceof BigDecimal n) {
      return n.stripTrailingZeros().toPlainString();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(OutputValues::hcl).collect(Collectors.joining(", ", "[", "]"));
    }
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream().map(e -> e.getKey() + " = " + hcl(e.getValue())).collect(Collectors.joining(", ", "{ ", " }"));
    }
    return String.valueOf(value);
  }

  /** For {@code show -json}: {@code {name: {sensitive, value}}}, a sensitive value left out. */
  static Map<String, Object> json(Stack stack) {
    Map<String, Object> out = new LinkedHashMap<>();
    stack.outputs().values().forEach(o -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("sensitive", o.sensitive());
      if (!o.sensitive()) {
        m.put("value", o.value());
      }
      out.put(o.name(), m);
    });
    return out;
  }
}
