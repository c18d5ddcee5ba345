package dev.pullplan.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What references can resolve to, filled in as the stack is assembled: block names are known
 * from the start (so a reference to a block that has its own errors causes no second error),
 * the values behind them once each block is built.
 */
final class ReferenceScope {
  private final Map<String, Set<String>> declared = new LinkedHashMap<>();
  private final Map<String, Object> variables = new HashMap<>();
  private final Set<String> sensitiveVariables = new HashSet<>();
  private final Map<String, Map<String, Object>> attributes = new HashMap<>();

  void declare(String kind, String name) {
    declared.computeIfAbsent(kind, k -> new LinkedHashSet<>()).add(name);
  }

  Set<String> declared(String kind) {
    return declared.getOrDefault(kind, Set.of());
  }

  boolean isDeclared(String kind, String name) {
    return declared(kind).contains(name);
  }

  void variable(String name, Object value, boolean sensitive) {
    variables.put(name, value);
    if (sensitive) {
      sensitiveVariables.add(name);
    }
  }

  /** The variable's value; empty when it is declared but got no valid value (already reported). */
  Optional<Object> variable(String name) {
    return Optional.ofNullable(variables.get(name));
  }

  boolean isSensitive(String variable) {
    return sensitiveVariables.contains(variable);
  }

  /** Records an attribute other blocks may read, e.g. {@code registry.shared.server}. */
  void attribute(String kind, String name, String attribute, Object value) {
    attributes.computeIfAbsent(kind + "." + name, k -> new HashMap<>()).put(attribute, value);
  }

  Optional<Object> attribute(String kind, String name, String attribute) {
    return Optional.ofNullable(attributes.getOrDefault(kind + "." + name, Map.of()).get(attribute));
  }
}
