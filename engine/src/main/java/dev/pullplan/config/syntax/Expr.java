package dev.pullplan.config.syntax;

import dev.pullplan.diag.Position;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The expressions pullplan's configuration is written with, each with where it starts. */
public sealed interface Expr {

  Position position();

  /** A string, number or bool written literally. */
  record Literal(Object value, Position position) implements Expr {
    public Literal {
      if (!(value instanceof String || value instanceof BigDecimal || value instanceof Boolean)) {
        throw new IllegalArgumentException("not a literal: " + value.getClass());
      }
    }

    /** The step this literal stands for as a key in {@code [...]}: a string or a number, not a bool. */
    public Optional<String> asKey() {
      if (value instanceof BigDecimal n) {
        return Optional.of(n.toPlainString());
      }
      return value instanceof String s ? Optional.of(s) : Optional.empty();
    }
  }

  record Null(Position position) implements Expr {}

  /** A string with {@code ${...}} parts; literal parts are {@link Literal}s of strings. */
  record Template(List<Expr> parts, Position position) implements Expr {}

  record Tuple(List<Expr> items, Position position) implements Expr {}

  record ObjectExpr(List<Entry> entries, Position position) implements Expr {}

  record Entry(String key, Position keyPosition, Expr value) {}

  /** A reference such as {@code registry.shared} or {@code namespace.edge.name}. */
  record Traversal(List<String> path, Position position) implements Expr {
    public String dotted() {
      return String.join(".", path);
    }
  }

  /**
   * A reference with a key computed from other values, {@code cluster.fleet[each.key]} or
   * {@code var.contexts[local.region].name}: {@code target} (a reference, perhaps with a computed
   * key itself) indexed by the value of {@code key}, then the names in {@code rest}. Literal keys
   * ({@code ["eu-1"]}) stay steps of a {@link Traversal}.
   */
  record Index(Expr target, Expr key, List<String> rest, Position position) implements Expr {

    /** This reference with its key known: the target's path, the key, then the names after it. */
    public Traversal keyed(List<String> targetPath, String key) {
      List<String> steps = new ArrayList<>(targetPath);
      steps.add(key);
      steps.addAll(rest);
      return new Traversal(List.copyOf(steps), position);
    }
  }

  record Call(String function, List<Expr> arguments, Position position) implements Expr {}

  /** Source-like text of an expression, for messages (never used for a sensitive value). */
  static String describe(Expr e) {
    if (e instanceof Literal l) {
      return l.value() instanceof String s ? "\"" + s + "\"" : l.value().toString();
    } else if (e instanceof Null) {
      return "null";
    } else if (e instanceof Template t) {
      return "\"" + t.parts().stream()
          .map(p -> p instanceof Literal l ? String.valueOf(l.value()) : "${" + describe(p) + "}")
          .collect(Collectors.joining()) + "\"";
    } else if (e instanceof Tuple t) {
      return "[" + t.items().stream().map(Expr::describe).collect(Collectors.joining(", ")) + "]";
    } else if (e instanceof ObjectExpr o) {
      return "{" + o.entries().stream().map(en -> en.key() + " = " + describe(en.value()))
          .collect(Collectors.joining(", ")) + "}";
    } else if (e instanceof Traversal t) {
      return t.dotted();
    } else if (e instanceof Index i) {
      return describe(i.target()) + "[" + describe(i.key()) + "]" + i.rest().stream().map(s -> "." + s).collect(Collectors.joining());
    }
    Call c = (Call) e;
    return c.function() + "(" + c.arguments().stream().map(Expr::describe).collect(Collectors.joining(", ")) + ")";
  }
}
