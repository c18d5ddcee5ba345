package dev.pullplan.config;

import dev.pullplan.config.syntax.Expr;
import dev.pullplan.diag.Diagnostics;
import dev.pullplan.diag.Position;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Computes the value of an expression: literals as they are, references through the
 * {@link ReferenceScope}, templates as text. Values are String, BigDecimal, Boolean, List, Map,
 * {@link BlockRef} or {@link NullValue}. An empty result means an error was reported.
 */
final class Evaluator {
  /** What {@code kind.name.attribute} may read of each kind of block. */
  private static final Map<String, List<String>> READABLE = Map.of(
      ConfigSchema.REGISTRY, List.of("server"),
      ConfigSchema.CLUSTER, List.of("name"),
      ConfigSchema.NAMESPACE, List.of("name"),
      ConfigSchema.ACCESS, List.of("name", "secret_name"));

  private static final List<String> ROOTS = List.of("var", "local", "each", ConfigSchema.REGISTRY, ConfigSchema.CLUSTER,
      ConfigSchema.NAMESPACE, ConfigSchema.ACCESS);

  private final ReferenceScope scope;
  private final Diagnostics diagnostics;
  private final List<String> allowedRoots;
  private final String where;
  private final Set<String> sensitiveUsed = new LinkedHashSet<>();

  /**
   * @param allowedRoots the kinds of reference allowed here, e.g. only {@code var} in a registry
   * @param where how to name this place in a message, e.g. "a registry block"
   */
  Evaluator(ReferenceScope scope, Diagnostics diagnostics, List<String> allowedRoots, String where) {
    this.scope = scope;
    this.diagnostics = diagnostics;
    // a local is a named value computed from variables: wherever a variable may be read, so may a local
    this.allowedRoots = allowedRoots.contains("var") && !allowedRoots.contains("local")
        ? java.util.stream.Stream.concat(allowedRoots.stream(), java.util.stream.Stream.of("local")).toList()
        : allowedRoots;
    this.where = where;
  }

  static Evaluator literalsOnly(ReferenceScope scope, Diagnostics diagnostics, String where) {
    return new Evaluator(scope, diagnostics, List.of(), where);
  }

  /** Sensitive variables read so far, so an output can insist on {@code sensitive = true}. */
  Set<String> sensitiveUsed() {
    return sensitiveUsed;
  }

  Optional<Object> evaluate(Expr e) {
    if (e instanceof Expr.Literal l) {
      return Optional.of(l.value());
    }
    if (e instanceof Expr.Null) {
      return Optional.of(NullValue.INSTANCE);
    }
    if (e instanceof Expr.Template t) {
      return template(t);
    }
    if (e instanceof Expr.Tuple t) {
      return tuple(t);
    }
    if (e instanceof Expr.ObjectExpr o) {
      return object(o);
    }
    if (e instanceof Expr.Traversal t) {
      return reference(t);
    }
    if (e instanceof Expr.Index i) {
      return literally(i).flatMap(this::reference);
    }
    Expr.Call call = (Expr.Call) e;
    diagnostics.error(call.position(), "unknown function `" + call.function() + "`",
        "pullplan's configuration has no functions: write the value literally or pass it in a variable");
    return Optional.empty();
  }

  private Optional<Object> tuple(Expr.Tuple t) {
    List<Object> items = new ArrayList<>();
    boolean ok = true;
    for (Expr item : t.items()) {
      Optional<Object> v = evaluate(item);
      ok &= v.isPresent();
      v.ifPresent(items::add);
    }
    return ok ? Optional.of(List.copyOf(items)) : Optional.empty();
  }

  private Optional<Object> object(Expr.ObjectExpr o) {
    Map<String, Object> entries = new LinkedHashMap<>();
    boolean ok = true;
    for (Expr.Entry entry : o.entries()) {
      if (entries.containsKey(entry.key())) {
        diagnostics.error(entry.keyPosition(), "duplicate key `" + entry.key() + "` in map", "give each key once");
        ok = false;
        continue;
      }
      Optional<Object> v = evaluate(entry.value());
      ok &= v.isPresent();
      v.ifPresent(value -> entries.put(entry.key(), value));
    }
    return ok ? Optional.of(java.util.Collections.unmodifiableMap(entries)) : Optional.empty();
  }

  private Optional<Object> template(Expr.Template t) {
    StringBuilder text = new StringBuilder();
    for (Expr part : t.parts()) {
      Optional<Object> v = evaluate(part);
      if (v.isEmpty()) {
        return Optional.empty();
      }
      Optional<String> s = asText(v.get());
      if (s.isEmpty()) {
        diagnostics.error(part.position(), "`" + Expr.describe(part) + "` is " + Values.describeKind(v.get())
            + " and cannot be put into a string", hintForText(part, v.get()));
        return Optional.empty();
      }
      text.append(s.get());
    }
    return Optional.of(text.toString());
  }

  private static String hintForText(Expr part, Object value) {
    if (value instanceof BlockRef ref) {
      List<String> readable = READABLE.getOrDefault(ref.kind(), List.of());
      return readable.isEmpty() ? "use a value, not a block"
          : "use one of its values, e.g. ${" + ref.shown() + "." + readable.get(readable.size() - 1) + "}";
    }
    return "only strings, numbers and bools can be put into a string";
  }

  static Optional<String> asText(Object v) {
    if (v instanceof String s) {
      return Optional.of(s);
    }
    if (v instanceof BigDecimal n) {
      return Optional.of(Values.numberText(n));
    }
    if (v instanceof Boolean b) {
      return Optional.of(b.toString());
    }
    return Optional.empty();
  }

  private Optional<Object> reference(Expr.Traversal t) {
    List<String> path = t.path();
    String root = path.get(0);
    if (!ROOTS.contains(root)) {
      String hint = Suggestions.closest(root, ROOTS)
          .map(r -> "did you mean `" + r + (path.size() > 1 ? "." + String.join(".", path.subList(1, path.size())) : "") + "`?")
          .orElse("references start with var., registry., cluster., namespace. or access.");
      diagnostics.error(t.position(), "unknown reference `" + t.dotted() + "`", hint);
      return Optional.empty();
    }
    if (root.equals("each")) {
      // every each.* of a block with for_each was replaced by its instance's value before this
      diagnostics.error(t.position(), "`" + t.dotted() + "` can only be used in a block with for_each",
          "add for_each = ... to the cluster, namespace or access block, or write the value here");
      return Optional.empty();
    }
    if (!allowedRoots.contains(root)) {
      diagnostics.error(t.position(), "`" + t.dotted() + "` cannot be used in " + where,
          allowedRoots.isEmpty() ? "write a literal value here"
              : "here you can refer to " + allowedRoots.stream().map(r -> r + ".<name>").collect(Collectors.joining(", ")));
      return Optional.empty();
    }
    if (path.size() < 2) {
      diagnostics.error(t.position(), "`" + root + "` needs a name: " + root + ".<name>",
          exampleName(root).map(n -> "e.g. " + root + "." + n).orElse("declare a " + kindWord(root) + " block first"));
      return Optional.empty();
    }
    String name = path.get(1);
    if (root.equals("local")) {
      return local(t, name);
    }
    return root.equals("var") ? variable(t, name) : block(t, root, name);
  }

  private Optional<String> exampleName(String root) {
    if (root.equals("local")) {
      return scope.declaredLocals().stream().findFirst();
    }
    return scope.declared(root.equals("var") ? ConfigSchema.VARIABLE : root).stream().findFirst();
  }

  private Optional<Object> local(Expr.Traversal t, String name) {
    if (!scope.declaredLocals().contains(name)) {
      diagnostics.error(t.position(), "unknown local `local." + name + "`",
          Suggestions.didYouMean(name, scope.declaredLocals(), "`local.%s`", "declare it: locals { " + name + " = ... }"));
      return Optional.empty();
    }
    Optional<Object> value = scope.local(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    return index(t, value.get(), 2);
  }

  private static String kindWord(String root) {
    return root.equals("var") ? "variable" : root;
  }

  private Optional<Object> variable(Expr.Traversal t, String name) {
    if (!scope.isDeclared(ConfigSchema.VARIABLE, name)) {
      diagnostics.error(t.position(), "unknown variable `var." + name + "`",
          Suggestions.didYouMean(name, scope.declared(ConfigSchema.VARIABLE), "`var.%s`",
              "declare it: variable \"" + name + "\" {}"));
      return Optional.empty();
    }
    if (scope.isSensitive(name)) {
      sensitiveUsed.add(name);
    }
    Optional<Object> value = scope.variable(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    return index(t, value.get(), 2);
  }

  /** {@code var.tags.team}, {@code var.list.0}: reads into a variable's map or list value. */
  private Optional<Object> index(Expr.Traversal t, Object value, int from) {
    Object current = value;
    List<String> path = t.path();
    for (int i = from; i < path.size(); i++) {
      String key = path.get(i);
      String prefix = String.join(".", path.subList(0, i));
      if (current instanceof Map<?, ?> map && map.containsKey(key)) {
        current = map.get(key);
      } else if (current instanceof List<?> list && key.chars().allMatch(Character::isDigit)
          && Integer.parseInt(key) < list.size()) {
        current = list.get(Integer.parseInt(key));
      } else {
        diagnostics.error(t.position(), "`" + prefix + "` has no element `" + key + "`",
            current instanceof Map<?, ?> map ? Suggestions.didYouMean(key, keys(map), "`" + prefix + ".%s`",
                "its keys are: " + String.join(", ", keys(map)))
                : "`" + prefix + "` is " + Values.describeKind(current));
        return Optional.empty();
      }
    }
    return Optional.of(current);
  }

  private static List<String> keys(Map<?, ?> map) {
    return map.keySet().stream().map(String::valueOf).collect(Collectors.toList());
  }

  private Optional<Object> block(Expr.Traversal t, String kind, String name) {
    if (!scope.isDeclared(kind, name)) {
      diagnostics.error(t.position(), "unknown " + kind + " `" + name + "` in `" + t.dotted() + "`",
          Suggestions.didYouMean(name, scope.declared(kind), "`" + kind + ".%s`",
              "declare it: " + kind + " \"" + name + "\" { ... }"));
      return Optional.empty();
    }
    if (scope.isUnresolved(kind, name)) {
      return Optional.empty();
    }
    Optional<Map<String, String>> instances = scope.instances(kind, name);
    if (instances.isPresent()) {
      return instance(t, kind, name, instances.get());
    }
    if (t.path().size() == 2) {
      return Optional.of(new BlockRef(kind, name));
    }
    String attribute = t.path().get(2);
    List<String> readable = READABLE.get(kind);
    if (t.path().size() > 3 || !readable.contains(attribute)) {
      diagnostics.error(t.position(), "`" + kind + "." + name + "` has no attribute `"
              + String.join(".", t.path().subList(2, t.path().size())) + "`",
          Suggestions.didYouMean(attribute, readable, "`" + kind + "." + name + ".%s`",
              "a " + kind + " offers: " + String.join(", ", readable)));
      return Optional.empty();
    }
    Optional<Object> value = scope.attribute(kind, name, attribute);
    if (value.isPresent() && value.get() instanceof Unavailable u) {
      diagnostics.error(t.position(), "`" + t.dotted() + "` is not available: " + u.reason(), u.hint());
      return Optional.empty();
    }
    return value;
  }

  /**
   * The reference a computed key stands for: {@code cluster.fleet[each.key]} read as
   * {@code cluster.fleet["eu-1"]}, the key's value a step of the path, so that it is then checked
   * and read as if the key were written literally. Empty when an error was reported.
   */
  private Optional<Expr.Traversal> literally(Expr.Index i) {
    // the parser puts an Index only after a reference
    Optional<Expr.Traversal> target = i.target() instanceof Expr.Index inner ? literally(inner)
        : Optional.of((Expr.Traversal) i.target());
    if (target.isEmpty()) {
      return Optional.empty();
    }
    List<String> path = target.get().path();
    Optional<String> step;
    if (path.size() == 2 && READABLE.containsKey(path.get(0))) {
      if (!allowedRoots.contains(path.get(0)) || !scope.isDeclared(path.get(0), path.get(1))) {
        // a block that cannot be read here: reading it reports why
        reference(target.get());
        return Optional.empty();
      }
      step = instanceKey(i, path.get(0), path.get(1));
    } else {
      step = elementKey(i);
    }
    return step.map(key -> i.keyed(path, key));
  }

  /** The key that picks an instance of {@code kind.name}: a string, and only of a block with for_each. */
  private Optional<String> instanceKey(Expr.Index i, String kind, String name) {
    if (scope.isUnresolved(kind, name)) {
      return Optional.empty();
    }
    String block = kind + "." + name;
    Optional<Map<String, String>> instances = scope.instances(kind, name);
    if (instances.isEmpty()) {
      diagnostics.error(i.key().position(), "`" + block + "` has no for_each, so `" + block + "[...]` has no instance to pick",
          "write " + block + " to refer to the block itself; only a block with for_each has instances");
      return Optional.empty();
    }
    Optional<Object> key = keyValue(i, block);
    if (key.isEmpty() || key.get() instanceof String) {
      return key.map(String.class::cast);
    }
    String example = instances.get().keySet().stream().findFirst().map(k -> block + "[\"" + k + "\"] or ").orElse("");
    diagnostics.error(i.key().position(), "the key in `" + block + "[...]` must be a string, got " + Values.describeKind(key.get()),
        key.get() instanceof BlockRef ref ? "`" + ref.shown() + "` is already a block: write it without `" + block + "[...]`"
            : "for_each keys are strings: write " + example + block + "[each.key]");
    return Optional.empty();
  }

  /** The key into a variable's or local's map (a string) or list (a whole number). */
  private Optional<String> elementKey(Expr.Index i) {
    String shown = Expr.describe(i.target());
    Optional<Object> key = keyValue(i, shown);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    if (key.get() instanceof String s) {
      return Optional.of(s);
    }
    if (key.get() instanceof BigDecimal n && n.signum() >= 0 && n.stripTrailingZeros().scale() <= 0) {
      return Optional.of(n.toBigInteger().toString());
    }
    diagnostics.error(i.key().position(), "the key in `" + shown + "[...]` must be a string or a list index, got "
        + Values.describeKind(key.get()), "write a key such as " + shown + "[each.key]");
    return Optional.empty();
  }

  /** The key's value; a sensitive one is refused, as a key shows in addresses and messages. */
  private Optional<Object> keyValue(Expr.Index i, String shown) {
    Evaluator keys = new Evaluator(scope, diagnostics, allowedRoots, where);
    Optional<Object> key = keys.evaluate(i.key());
    if (keys.sensitiveUsed().isEmpty()) {
      return key;
    }
    sensitiveUsed.addAll(keys.sensitiveUsed());
    diagnostics.error(i.key().position(), "the key in `" + shown + "[...]` reads sensitive `var."
        + keys.sensitiveUsed().iterator().next() + "`: a key shows in addresses and messages",
        "pick the instance with a value that is not sensitive");
    return Optional.empty();
  }

  /**
   * A reference into a block with {@code for_each}: {@code cluster.fleet} is every instance (a map
   * of key to block, what another block's {@code for_each} takes), {@code cluster.fleet["eu-1"]}
   * one of them and {@code cluster.fleet["eu-1"].name} its value.
   */
  private Optional<Object> instance(Expr.Traversal t, String kind, String name, Map<String, String> instances) {
    if (t.path().size() == 2) {
      Map<String, Object> all = new LinkedHashMap<>();
      instances.forEach((key, instanceName) -> all.put(key, new BlockRef(kind, instanceName)));
      return Optional.of(java.util.Collections.unmodifiableMap(all));
    }
    String key = t.path().get(2);
    String instanceName = instances.get(key);
    if (instanceName == null) {
      diagnostics.error(t.position(), "`" + kind + "." + name + "` has no instance [\"" + key + "\"]",
          Suggestions.didYouMean(key, instances.keySet(), "`" + kind + "." + name + "[\"%s\"]`",
              instances.isEmpty() ? "its for_each has no keys"
                  : "its for_each keys are: " + String.join(", ", instances.keySet())));
      return Optional.empty();
    }
    List<String> rest = new ArrayList<>(List.of(kind, instanceName));
    rest.addAll(t.path().subList(3, t.path().size()));
    return block(new Expr.Traversal(List.copyOf(rest), t.position()), kind, instanceName);
  }
}
