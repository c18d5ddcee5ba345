package dev.pullplan.config;

import dev.pullplan.config.syntax.Attribute;
import dev.pullplan.config.syntax.Block;
import dev.pullplan.config.syntax.Expr;
import dev.pullplan.diag.Diagnostics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code locals} blocks: named values computed from variables and other locals, read as
 * {@code local.NAME}. Each is computed once, after the locals it reads (in whatever order they are
 * written); a local that reads itself through others is reported with the cycle.
 */
final class LocalValues {
  private static final List<String> ROOTS = List.of("var", "local");

  private final ReferenceScope scope;
  private final Diagnostics diagnostics;
  private final Map<String, Attribute> declared = new LinkedHashMap<>();
  private final Set<String> done = new HashSet<>();
  private final List<String> inProgress = new ArrayList<>();

  LocalValues(ReferenceScope scope, Diagnostics diagnostics) {
    this.scope = scope;
    this.diagnostics = diagnostics;
  }

  void declare(List<Block> blocks) {
    for (Block b : blocks) {
      for (Block nested : b.body().blocks()) {
        diagnostics.error(nested.position(), "a locals block holds values, not blocks",
            "write " + nested.type() + " = { ... }");
      }
      for (Attribute a : b.body().attributes()) {
        Attribute first = declared.get(a.name());
        if (first != null) {
          diagnostics.error(a.position(), "duplicate local `" + a.name() + "`: already declared at " + first.position(),
              "give each local its own name");
          continue;
        }
        declared.put(a.name(), a);
        scope.declareLocal(a.name());
      }
    }
  }

  void resolve() {
    declared.keySet().forEach(this::resolve);
  }

  private void resolve(String name) {
    if (done.contains(name)) {
      return;
    }
    Attribute a = declared.get(name);
    if (inProgress.contains(name)) {
      List<String> cycle = new ArrayList<>(inProgress.subList(inProgress.indexOf(name), inProgress.size()));
      cycle.add(name);
      diagnostics.error(a.position(), "local `" + name + "` depends on itself: local."
          + String.join(" -> local.", cycle), "compute one of them from variables only");
      done.addAll(cycle);
      return;
    }
    inProgress.add(name);
    for (String dependency : localsRead(a.value())) {
      if (declared.containsKey(dependency)) {
        resolve(dependency);
      }
    }
    inProgress.remove(name);
    if (done.add(name)) {
      new Evaluator(scope, diagnostics, ROOTS, "a locals block").evaluate(a.value()).ifPresent(v -> scope.local(name, v));
    }
  }

  private static Set<String> localsRead(Expr e) {
    Set<String> out = new java.util.LinkedHashSet<>();
    collect(e, out);
    return out;
  }

  private static void collect(Expr e, Set<String> out) {
    if (e instanceof Expr.Traversal t && t.path().size() > 1 && t.path().get(0).equals("local")) {
      out.add(t.path().get(1));
    } else if (e instanceof Expr.Template t) {
      t.parts().forEach(p -> collect(p, out));
    } else if (e instanceof Expr.Tuple t) {
      t.items().forEach(p -> collect(p, out));
    } else if (e instanceof Expr.ObjectExpr o) {
      o.entries().forEach(en -> collect(en.value(), out));
    } else if (e instanceof Expr.Call c) {
      c.arguments().forEach(p -> collect(p, out));
    } else if (e instanceof Expr.Index i) {
      collect(i.target(), out);
      collect(i.key(), out);
    }
  }
}
