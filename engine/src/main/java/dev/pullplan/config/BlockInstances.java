package dev.pullplan.config;

import dev.pullplan.address.Address;
import dev.pullplan.config.syntax.Attribute;
import dev.pullplan.config.syntax.Block;
import dev.pullplan.diag.Diagnostics;
import dev.pullplan.diag.Position;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Repeats a {@code cluster}, {@code namespace} or {@code access} block once per key of its
 * {@code for_each}: a map (key and value), a list or set of strings (each item is key and value),
 * or another block with {@code for_each} ({@code for_each = cluster.fleet}: one instance per
 * cluster instance, {@code each.value} that cluster). A block without {@code for_each} is its one
 * instance. Instances are named {@code team["eu-1"]}, which is how their addresses carry the key.
 */
final class BlockInstances {
  /** One instance: its name, its key (empty without for_each) and its body with {@code each.*} replaced. */
  record Instance(String name, Optional<String> key, Block block) {
    /** A note for every problem found in it, so the 17th instance's error names its key. */
    String note(String kind) {
      return key.map(k -> "(in " + kind + "." + name + ")").orElse("");
    }
  }

  private final ReferenceScope scope;
  private final Diagnostics diagnostics;

  BlockInstances(ReferenceScope scope, Diagnostics diagnostics) {
    this.scope = scope;
    this.diagnostics = diagnostics;
  }

  /**
   * @param roots the references the block's {@code for_each} may use, as its other attributes
   */
  List<Instance> of(String kind, String name, Block b, List<String> roots) {
    Optional<Attribute> forEach = b.body().attributes().stream()
        .filter(a -> a.name().equals(ConfigSchema.FOR_EACH)).findFirst();
    if (forEach.isEmpty()) {
      return List.of(new Instance(name, Optional.empty(), b));
    }
    Evaluator evaluator = new Evaluator(scope, diagnostics, roots, "the for_each of a " + kind + " block");
    Optional<Object> value = evaluator.evaluate(forEach.get().value());
    Optional<Map<String, Object>> entries = value.flatMap(v -> entries(kind, name, v, forEach.get()));
    if (entries.isEmpty()) {
      scope.unresolved(kind, name);
      return List.of();
    }
    List<Instance> out = new ArrayList<>();
    Map<String, String> byKey = new LinkedHashMap<>();
    entries.get().forEach((key, v) -> {
      String instanceName = Address.instanceName(name, key);
      byKey.put(key, instanceName);
      scope.declare(kind, instanceName);
      out.add(new Instance(instanceName, Optional.of(key), new EachSubstitution(key, v, diagnostics).instance(b, instanceName)));
    });
    scope.instances(kind, name, byKey);
    return List.copyOf(out);
  }

  private Optional<Map<String, Object>> entries(String kind, String name, Object value, Attribute at) {
    Position where = at.value().position();
    Map<String, Object> out = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        if (!validKey(key, where)) {
          return Optional.empty();
        }
        out.put(key, e.getValue());
      }
      return Optional.of(out);
    }
    if (value instanceof List<?> list) {
      for (Object item : list) {
        Optional<String> key = item instanceof String || item instanceof BigDecimal ? Evaluator.asText(item) : Optional.empty();
        if (key.isEmpty()) {
          diagnostics.error(where, "the for_each of " + kind + " \"" + name + "\" must be a map or a list of strings, but an item is "
              + Values.describe(item, false), "write for_each = [\"a\", \"b\"] or for_each = { a = ..., b = ... }");
          return Optional.empty();
        }
        if (out.containsKey(key.get())) {
          diagnostics.error(where, "the for_each of " + kind + " \"" + name + "\" lists \"" + key.get() + "\" twice",
              "each key makes one instance: list it once");
          return Optional.empty();
        }
        if (!validKey(key.get(), where)) {
          return Optional.empty();
        }
        out.put(key.get(), key.get());
      }
      return Optional.of(out);
    }
    String hint = value instanceof BlockRef ref
        ? "`" + ref.shown() + "` is one block; for_each takes a block that has a for_each itself, a map or a list of strings"
        : "write for_each = var.clusters (a map or a list of strings), or for_each = cluster.<name> with for_each";
    diagnostics.error(where, "the for_each of " + kind + " \"" + name + "\" must be a map or a list of strings, got "
        + Values.describe(value, false), hint);
    return Optional.empty();
  }

  /** A key goes into addresses as {@code ["key"]}: it must be printable, and without quotes or backslashes. */
  private boolean validKey(String key, Position where) {
    if (key.isEmpty() || key.chars().anyMatch(c -> c == '"' || c == '\\' || Character.isISOControl(c))) {
      diagnostics.error(where, "for_each key \"" + key + "\" cannot be part of an address",
          "use keys without quotes, backslashes or control characters, e.g. \"eu-1\"");
      return false;
    }
    return true;
  }
}
