package dev.pullplan.config;

import dev.pullplan.config.syntax.Attribute;
import dev.pullplan.config.syntax.Block;
import dev.pullplan.config.syntax.Expr;
import dev.pullplan.diag.Diagnostics;
import dev.pullplan.diag.Position;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads one block's body against its {@link BlockSchema}: reports unknown, repeated and missing
 * attributes and nested blocks, then hands out typed values. A getter returns empty both when
 * the attribute is not set and when its value was wrong (which it reports).
 */
final class BodyReader {
  private final Block block;
  private final String title;
  private final BlockSchema schema;
  private final Evaluator evaluator;
  private final ReferenceScope scope;
  private final Diagnostics diagnostics;
  private final Map<String, Attribute> attributes = new LinkedHashMap<>();
  private final Map<String, Block> blocks = new LinkedHashMap<>();
  private final Set<String> suggested = new java.util.HashSet<>();
  // an attribute is read by several checks; evaluating it again would report its problems again
  private final Map<Attribute, Optional<Object>> evaluated = new java.util.IdentityHashMap<>();

  /**
   * @param title how the block is named in messages, e.g. {@code registry "shared"}
   */
  BodyReader(Block block, String title, BlockSchema schema, Evaluator evaluator, ReferenceScope scope,
      Diagnostics diagnostics) {
    this.block = block;
    this.title = title;
    this.schema = schema;
    this.evaluator = evaluator;
    this.scope = scope;
    this.diagnostics = diagnostics;
    checkShape();
  }

  Block block() {
    return block;
  }

  BlockSchema schema() {
    return schema;
  }

  Evaluator evaluator() {
    return evaluator;
  }

  private void checkShape() {
    for (Attribute a : block.body().attributes()) {
      if (attributes.containsKey(a.name())) {
        diagnostics.error(a.position(), "attribute `" + a.name() + "` is set twice in " + title,
            "remove one; the first is at line " + attributes.get(a.name()).position().line());
      } else if (schema.blocks().containsKey(a.name())) {
        diagnostics.error(a.position(), "`" + a.name() + "` is a block, not an attribute",
            "write " + a.name() + " { ... } without `=`");
      } else if (!schema.knowsAttribute(a.name())) {
        Suggestions.closest(a.name(), allNames()).ifPresent(suggested::add);
        diagnostics.error(a.position(), "unknown attribute `" + a.name() + "` in " + title,
            Suggestions.didYouMean(a.name(), allNames(), "`%s`", "`" + block.type() + "` takes: " + offered()));
      } else {
        attributes.put(a.name(), a);
      }
    }
    for (Block b : block.body().blocks()) {
      if (schema.attributes().contains(b.type())) {
        diagnostics.error(b.position(), "`" + b.type() + "` is an attribute, not a block",
            "write " + b.type() + " = ...");
      } else if (!schema.blocks().containsKey(b.type())) {
        Suggestions.closest(b.type(), allNames()).ifPresent(suggested::add);
        diagnostics.error(b.position(), "unknown block `" + b.type() + "` in " + title,
            Suggestions.didYouMean(b.type(), allNames(), "`%s`", "`" + block.type() + "` takes: " + offered()));
      } else if (blocks.containsKey(b.type())) {
        diagnostics.error(b.position(), "only one `" + b.type() + "` block is allowed in " + title,
            "merge it with the one at line " + blocks.get(b.type()).position().line());
      } else if (!b.labels().isEmpty()) {
        diagnostics.error(b.labels().get(0).position(), "a `" + b.type() + "` block takes no name",
            "write " + b.type() + " { ... }");
      } else {
        blocks.put(b.type(), b);
      }
    }
    for (String required : schema.required()) {
      // a misspelt required attribute is reported once, as the misspelling
      if (!attributes.containsKey(required) && !written(required)) {
        diagnostics.error(block.position(), title + " is missing the required attribute `" + required + "`",
            "add " + required + " = ...");
      }
    }
  }

  private Set<String> allNames() {
    Set<String> names = new java.util.LinkedHashSet<>(schema.attributes());
    names.addAll(schema.blocks().keySet());
    return names;
  }

  private String offered() {
    List<String> parts = new ArrayList<>(schema.attributes());
    schema.blocks().keySet().forEach(b -> parts.add(b + " { }"));
    return String.join(", ", parts);
  }

  /**
   * Whether the body mentions the name at all, even misspelt or as the wrong kind of thing
   * (already reported), so that checks built on it do not report the same mistake again.
   */
  boolean written(String name) {
    return suggested.contains(name) || block.body().attributes().stream().anyMatch(a -> a.name().equals(name))
        || block.body().blocks().stream().anyMatch(b -> b.type().equals(name));
  }

  boolean has(String name) {
    return attributes.containsKey(name) || blocks.containsKey(name);
  }

  Optional<Attribute> attribute(String name) {
    return Optional.ofNullable(attributes.get(name));
  }

  Optional<Block> nested(String name) {
    return Optional.ofNullable(blocks.get(name));
  }

  /** Where an attribute is written, or the block itself when it is not. */
  Position positionOf(String name) {
    return attribute(name).map(Attribute::position).orElse(block.position());
  }

  /** The evaluated value; empty when unset, null, or wrong (reported). */
  Optional<Object> value(String name) {
    Attribute a = attributes.get(name);
    if (a == null) {
      return Optional.empty();
    }
    return evaluated(a).filter(v -> v != NullValue.INSTANCE);
  }

  Optional<String> string(String name) {
    return typed(name, "a string", "\"...\"", BodyReader::toText);
  }

  Optional<Boolean> bool(String name) {
    return typed(name, "a bool", "true or " + name + " = false", v -> {
      if (v instanceof Boolean b) {
        return Optional.of(b);
      }
      if ("true".equals(v) || "false".equals(v)) {
        return Optional.of(Boolean.parseBoolean((String) v));
      }
      return Optional.empty();
    });
  }

  Optional<BlockRef> reference(String name, String kind) {
    Attribute a = attributes.get(name);
    if (a == null) {
      return Optional.empty();
    }
    Optional<Object> v = evaluated(a);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (v.get() instanceof BlockRef ref && ref.kind().equals(kind)) {
      return Optional.of(ref);
    }
    if (v.get() instanceof Map<?, ?> instances && !instances.isEmpty()
        && instances.values().stream().allMatch(x -> x instanceof BlockRef ref && ref.kind().equals(kind))) {
      String first = String.valueOf(instances.keySet().iterator().next());
      String shown = Expr.describe(a.value());
      diagnostics.error(a.value().position(), "`" + shown + "` has for_each: `" + name + "` must name one of its instances",
          "write " + name + " = " + shown + "[\"" + first + "\"], or repeat this block with for_each = " + shown
              + " and " + name + " = each.value");
      return Optional.empty();
    }
    String named = v.get() instanceof String s ? s.replaceFirst("^" + kind + "\\.", "") : "";
    String hint = scope.isDeclared(kind, named)
        ? "write " + name + " = " + kind + "." + named + " (a reference, without quotes)"
        : "write " + name + " = " + kind + ".<name>";
    diagnostics.error(a.value().position(), "`" + name + "` must reference a " + kind + " block, got "
        + Values.describe(v.get(), false), hint);
    return Optional.empty();
  }

  /** A list of strings, each with its own position when written as a literal list. */
  Optional<List<Located<String>>> stringList(String name) {
    Attribute a = attributes.get(name);
    if (a == null) {
      return Optional.empty();
    }
    Optional<Object> v = evaluated(a);
    if (v.isEmpty() || v.get() == NullValue.INSTANCE) {
      return Optional.empty();
    }
    if (!(v.get() instanceof List<?> list)) {
      diagnostics.error(a.value().position(), "`" + name + "` must be a list of strings, got " + Values.describe(v.get(), false),
          v.get() instanceof String s ? "write " + name + " = [\"" + s + "\"]" : "write " + name + " = [\"...\", \"...\"]");
      return Optional.empty();
    }
    List<Expr> items = a.value() instanceof Expr.Tuple t ? t.items() : List.of();
    List<Located<String>> out = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < list.size(); i++) {
      Position at = i < items.size() ? items.get(i).position() : a.value().position();
      Optional<String> text = toText(list.get(i));
      if (text.isEmpty()) {
        diagnostics.error(at, "`" + name + "` must be a list of strings, but an item is " + Values.describe(list.get(i), false),
            "write each item as a string");
        ok = false;
      } else {
        out.add(new Located<>(text.get(), at));
      }
    }
    return ok ? Optional.of(List.copyOf(out)) : Optional.empty();
  }

  /** A map of strings, each entry positioned at its key when written as a literal map. */
  Optional<Map<String, Located<String>>> stringMap(String name) {
    Attribute a = attributes.get(name);
    if (a == null) {
      return Optional.empty();
    }
    Optional<Object> v = evaluated(a);
    if (v.isEmpty() || v.get() == NullValue.INSTANCE) {
      return Optional.empty();
    }
    if (!(v.get() instanceof Map<?, ?> map)) {
      diagnostics.error(a.value().position(), "`" + name + "` must be a map of strings, got " + Values.describe(v.get(), false),
          "write " + name + " = { key = \"value\" }");
      return Optional.empty();
    }
    Map<String, Position> keyPositions = a.value() instanceof Expr.ObjectExpr o
        ? o.entries().stream().collect(Collectors.toMap(Expr.Entry::key, Expr.Entry::keyPosition, (x, y) -> x))
        : Map.of();
    Map<String, Located<String>> out = new LinkedHashMap<>();
    boolean ok = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      Position at = keyPositions.getOrDefault(key, a.value().position());
      Optional<String> text = toText(e.getValue());
      if (text.isEmpty()) {
        diagnostics.error(at, "`" + name + "` must be a map of strings, but `" + key + "` is "
            + Values.describe(e.getValue(), false), "write " + key + " = \"...\"");
        ok = false;
      } else {
        out.put(key, new Located<>(text.get(), at));
      }
    }
    return ok ? Optional.of(java.util.Collections.unmodifiableMap(out)) : Optional.empty();
  }

  private <T> Optional<T> typed(String name, String kind, String example,
      java.util.function.Function<Object, Optional<T>> convert) {
    Attribute a = attributes.get(name);
    if (a == null) {
      return Optional.empty();
    }
    Optional<Object> v = evaluated(a);
    if (v.isEmpty() || v.get() == NullValue.INSTANCE) {
      return Optional.empty();
    }
    Optional<T> converted = convert.apply(v.get());
    if (converted.isEmpty()) {
      diagnostics.error(a.value().position(), "`" + name + "` must be " + kind + ", got " + Values.describe(v.get(), false),
          "write " + name + " = " + example);
    }
    return converted;
  }

  private Optional<Object> evaluated(Attribute a) {
    return evaluated.computeIfAbsent(a, x -> evaluator.evaluate(x.value()));
  }

  private static Optional<String> toText(Object v) {
    return v instanceof BigDecimal || v instanceof Boolean || v instanceof String ? Evaluator.asText(v) : Optional.empty();
  }
}
