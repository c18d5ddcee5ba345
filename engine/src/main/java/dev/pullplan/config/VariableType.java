package dev.pullplan.config;

import dev.pullplan.config.syntax.Expr;
import dev.pullplan.diag.Diagnostics;
import dev.pullplan.diag.Position;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The declared type of a variable, and conversion of a value to it (as Terraform converts). */
sealed interface VariableType {

  List<String> PRIMITIVES = List.of("string", "number", "bool", "any");

  String text();

  record Primitive(String name) implements VariableType {
    @Override
    public String text() {
      return name;
    }
  }

  record ListOf(VariableType element) implements VariableType {
    @Override
    public String text() {
      return "list(" + element.text() + ")";
    }
  }

  record MapOf(VariableType element) implements VariableType {
    @Override
    public String text() {
      return "map(" + element.text() + ")";
    }
  }

  VariableType ANY = new Primitive("any");

  /** Reads a type expression: {@code string}, {@code list(string)}, {@code map(number)}, ... */
  static Optional<VariableType> parse(Expr e, Diagnostics diagnostics) {
    if (e instanceof Expr.Traversal t && t.path().size() == 1) {
      String name = t.path().get(0);
      if (PRIMITIVES.contains(name)) {
        return Optional.of(new Primitive(name));
      }
      if (name.equals("list") || name.equals("set")) {
        return Optional.of(new ListOf(ANY));
      }
      if (name.equals("map")) {
        return Optional.of(new MapOf(ANY));
      }
      return unknown(name, t.position(), diagnostics);
    }
    if (e instanceof Expr.Call c && c.arguments().size() == 1) {
      switch (c.function()) {
        case "list":
        case "set":
          return parse(c.arguments().get(0), diagnostics).map(ListOf::new);
        case "map":
          return parse(c.arguments().get(0), diagnostics).map(MapOf::new);
        default:
          return unknown(c.function(), c.position(), diagnostics);
      }
    }
    if (e instanceof Expr.Literal l && l.value() instanceof String s && PRIMITIVES.contains(s)) {
      diagnostics.error(e.position(), "a type is written without quotes", "write type = " + s);
      return Optional.empty();
    }
    diagnostics.error(e.position(), "invalid type `" + Expr.describe(e) + "`",
        "write one of string, number, bool, list(string), map(string)");
    return Optional.empty();
  }

  private static Optional<VariableType> unknown(String name, Position at, Diagnostics diagnostics) {
    diagnostics.error(at, "unknown type `" + name + "`",
        Suggestions.didYouMean(name, List.of("string", "number", "bool", "list", "map", "any"), "`%s`",
            "write one of string, number, bool, list(string), map(string)"));
    return Optional.empty();
  }

  /** The value converted to this type, or empty when it does not convert. */
  default Optional<Object> convert(Object value) {
    if (this instanceof ListOf list) {
      if (!(value instanceof List<?> items)) {
        return Optional.empty();
      }
      List<Object> out = new ArrayList<>();
      for (Object item : items) {
        Optional<Object> c = list.element().convert(item);
        if (c.isEmpty()) {
          return Optional.empty();
        }
        out.add(c.get());
      }
      return Optional.of(List.copyOf(out));
    }
    if (this instanceof MapOf map) {
      if (!(value instanceof Map<?, ?> entries)) {
        return Optional.empty();
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : entries.entrySet()) {
        Optional<Object> c = map.element().convert(e.getValue());
        if (c.isEmpty()) {
          return Optional.empty();
        }
        out.put(String.valueOf(e.getKey()), c.get());
      }
      return Optional.of(java.util.Collections.unmodifiableMap(out));
    }
    switch (text()) {
      case "string":
        return value instanceof BlockRef ? Optional.empty() : Evaluator.asText(value).map(s -> s);
      case "number":
        if (value instanceof BigDecimal) {
          return Optional.of(value);
        }
        if (value instanceof String s) {
          try {
            return Optional.of(new BigDecimal(s.strip()));
          } catch (NumberFormatException notNumber) {
            return Optional.empty();
          }
        }
        return Optional.empty();
      case "bool":
        if (value instanceof Boolean) {
          return Optional.of(value);
        }
        return "true".equals(value) || "false".equals(value)
            ? Optional.of(Boolean.valueOf((String) value)) : Optional.empty();
      default:
        return value instanceof BlockRef ? Optional.empty() : Optional.of(value);
    }
  }

  /** Whether a value given as text (--var, environment) should be parsed as an expression. */
  default boolean isComplex() {
    return this instanceof ListOf || this instanceof MapOf;
  }
}
