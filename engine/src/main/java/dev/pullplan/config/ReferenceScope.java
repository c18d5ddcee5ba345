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
  private final Map<String, Object> locals = new HashMap<>();
  private final Set<String> declaredLocals = new LinkedHashSet<>();
  private final Map<String, Map<String, String>> instances = new HashMap<>();
  private final Set<String> unresolved = new HashSet<>();

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

  void declareLocal(String name) {
    declaredLocals.add(name);
  }

  Set<String> declaredLocals() {
    return declaredLocals;
  }

  void local(String name, Object value) {
    locals.put(name, value);
  }

  /** The local's value; empty when it has none (its problem is already reported). */
  Optional<Object> local(String name) {
    return Optional.ofNullable(locals.get(name));
  }

  /** Records the instances of a block with {@code for_each}: key to instance name, in key order. */
  void instances(String kind, String name, Map<String, String> byKey) {
    instances.put(kind + "." + name, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byKey)));
  }

  /** The instances of a block with {@code for_each}, by key; empty for a block without one. */
  Optional<Map<String, String>> instances(String kind, String name) {
    return Optional.ofNullable(instances.get(kind + "." + name));
  }

  /**
   * Marks a block whose {@code for_each} has no value: wrong (reported) or, in {@code validate},
   * read from a variable without one. What refers to it is not built, and not reported again.
   */
  void unresolved(String kind, String name) {
    unresolved.add(kind + "." + name);
  }

  boolean isUnresolved(String kind, String name) {
    return unresolved.contains(kind + "." + name);
  }
}
