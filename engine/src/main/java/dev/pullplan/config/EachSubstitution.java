package dev.pullplan.config;

import dev.pullplan.config.syntax.Attribute;
import dev.pullplan.config.syntax.Block;
import dev.pullplan.config.syntax.Body;
import dev.pullplan.config.syntax.Expr;
import dev.pullplan.diag.Diagnostics;
import dev.pullplan.diag.Position;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One instance of a block with {@code for_each}: the block's body with every {@code each.key}
 * and {@code each.value} replaced by the instance's key and value, written as expressions at the
 * place the reference was. The instance is then read like any block, so each of its problems is
 * reported at the line and column the user wrote, and a value that is another block
 * ({@code for_each = cluster.fleet}) stays a reference to that block's instance.
 */
final class EachSubstitution {
  private final String key;
  private final Object value;
  private final Diagnostics diagnostics;

  EachSubstitution(String key, Object value, Diagnostics diagnostics) {
    this.key = key;
    this.value = value;
    this.diagnostics = diagnostics;
  }

  /** The block without its {@code for_each}, under the instance's name. */
  Block instance(Block b, String instanceName) {
    Position labelAt = b.labels().get(0).position();
    return new Block(b.type(), List.of(new dev.pullplan.config.syntax.Label(instanceName, labelAt)), b.position(),
        body(b.body(), true));
  }

  private Body body(Body body, boolean top) {
    List<Attribute> attributes = body.attributes().stream()
        .filter(a -> !(top && a.name().equals(ConfigSchema.FOR_EACH)))
        .map(a -> new Attribute(a.name(), a.position(), expr(a.value())))
        .toList();
    List<Block> blocks = body.blocks().stream()
        .map(n -> new Block(n.type(), n.labels(), n.position(), body(n.body(), false)))
        .toList();
    return new Body(attributes, blocks);
  }

  private Expr expr(Expr e) {
    if (e instanceof Expr.Traversal t && t.path().get(0).equals("each")) {
      return each(t);
    }
    if (e instanceof Expr.Index i) {
      return index(i);
    }
    if (e instanceof Expr.Template t) {
      return new Expr.Template(t.parts().stream().map(this::expr).toList(), t.position());
    }
    if (e instanceof Expr.Tuple t) {
      return new Expr.Tuple(t.items().stream().map(this::expr).toList(), t.position());
    }
    if (e instanceof Expr.ObjectExpr o) {
      return new Expr.ObjectExpr(o.entries().stream()
          .map(en -> new Expr.Entry(en.key(), en.keyPosition(), expr(en.value()))).toList(), o.position());
    }
    if (e instanceof Expr.Call c) {
      return new Expr.Call(c.function(), c.arguments().stream().map(this::expr).toList(), c.position());
    }
    return e;
  }

  /**
   * A computed key: substituted as any value. Into {@code each.value} itself the keys must be known
   * here ({@code each.key} or literal), as they become steps of {@code each.value.<key>}.
   */
  private Expr index(Expr.Index i) {
    if (!isEach(root(i))) {
      long before = diagnostics.errorCount();
      Expr key = expr(i.key());
      // a key whose each.* was wrong (reported) makes the reference read as unset, as a wrong each.* does
      return diagnostics.errorCount() > before ? new Expr.Null(i.position())
          : new Expr.Index(expr(i.target()), key, i.rest(), i.position());
    }
    Optional<Expr.Traversal> path = eachPath(i);
    if (path.isEmpty()) {
      diagnostics.error(i.key().position(), "`" + Expr.describe(i) + "`: a key into each.value must be each.key or written literally",
          "index the value where it comes from instead, e.g. var.<name>[each.key]");
      return new Expr.Null(i.position());
    }
    return each(path.get());
  }

  private static Expr.Traversal root(Expr.Index i) {
    // the parser puts an Index only after a reference
    return i.target() instanceof Expr.Index inner ? root(inner) : (Expr.Traversal) i.target();
  }

  private static boolean isEach(Expr.Traversal t) {
    return t.path().get(0).equals("each");
  }

  /** {@code each.value[each.key].x} as the path {@code each.value.<key>.x}; empty when a key is not known yet. */
  private Optional<Expr.Traversal> eachPath(Expr e) {
    if (!(e instanceof Expr.Index i)) {
      return Optional.of((Expr.Traversal) e);
    }
    Optional<String> step = expr(i.key()) instanceof Expr.Literal l ? l.asKey() : Optional.empty();
    return step.flatMap(k -> eachPath(i.target()).map(p -> i.keyed(p.path(), k)));
  }

  private Expr each(Expr.Traversal t) {
    List<String> path = t.path();
    String what = path.size() > 1 ? path.get(1) : "";
    if (what.equals("key") && path.size() == 2) {
      return new Expr.Literal(key, t.position());
    }
    if (what.equals("value")) {
      return value(t, value, path.subList(2, path.size()));
    }
    diagnostics.error(t.position(), "`" + t.dotted() + "` is not a value of the instance",
        what.equals("key") ? "each.key is a string: write each.key" : "write each.key or each.value");
    // a null, so the attribute reads as unset and reports nothing more
    return new Expr.Null(t.position());
  }

  /** {@code each.value}, or an element of it ({@code each.value.context}), as an expression. */
  private Expr value(Expr.Traversal t, Object current, List<String> steps) {
    if (current instanceof BlockRef ref) {
      // another block's instance: a reference to it, read as any reference would be
      List<String> path = new ArrayList<>(List.of(ref.kind(), ref.name()));
      path.addAll(steps);
      return new Expr.Traversal(List.copyOf(path), t.position());
    }
    if (steps.isEmpty()) {
      return literal(current, t.position());
    }
    String step = steps.get(0);
    Optional<Object> next = Optional.empty();
    if (current instanceof Map<?, ?> map && map.containsKey(step)) {
      next = Optional.of(map.get(step));
    } else if (current instanceof List<?> list && step.chars().allMatch(Character::isDigit)
        && Integer.parseInt(step) < list.size()) {
      next = Optional.of(list.get(Integer.parseInt(step)));
    }
    if (next.isEmpty()) {
      diagnostics.error(t.position(), "`" + t.dotted() + "`: the value of [\"" + key + "\"] has no element `" + step + "`",
          current instanceof Map<?, ?> map ? "its keys are: " + String.join(", ", map.keySet().stream().map(String::valueOf).toList())
              : "each.value is " + Values.describeKind(current));
      return new Expr.Null(t.position());
    }
    return value(t, next.get(), steps.subList(1, steps.size()));
  }

  private static Expr literal(Object v, Position at) {
    if (v instanceof String || v instanceof BigDecimal || v instanceof Boolean) {
      return new Expr.Literal(v, at);
    }
    if (v instanceof List<?> list) {
      return new Expr.Tuple(list.stream().map(i -> literal(i, at)).toList(), at);
    }
    if (v instanceof Map<?, ?> map) {
      List<Expr.Entry> entries = new ArrayList<>();
      map.forEach((k, x) -> entries.add(new Expr.Entry(String.valueOf(k), at, literal(x, at))));
      return new Expr.ObjectExpr(List.copyOf(entries), at);
    }
    if (v instanceof BlockRef ref) {
      return new Expr.Traversal(List.of(ref.kind(), ref.name()), at);
    }
    return new Expr.Null(at);
  }
}
