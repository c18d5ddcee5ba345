package dev.pullplan.render;

import dev.pullplan.plan.Action;
import dev.pullplan.plan.AttributeChange;
import dev.pullplan.plan.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The attribute lines a change shows: its diff, or for a delete everything that goes away. */
final class ShownAttributes {
  private ShownAttributes() {}

  static List<AttributeChange> of(Change c) {
    if (c.action() != Action.DELETE) {
      return c.attributes();
    }
    List<AttributeChange> out = new ArrayList<>();
    c.prior().ifPresent(p -> {
      for (Map.Entry<String, Object> e : p.attributes().entrySet()) {
        out.add(AttributeChange.of(e.getKey(), e.getValue(), null, false));
      }
      p.sensitive().keySet().forEach(k -> out.add(AttributeChange.sensitive(k, true, false)));
    });
    return out;
  }
}
