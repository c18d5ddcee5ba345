package dev.pullplan.graph;

import dev.pullplan.PullplanException;
import dev.pullplan.address.Address;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Resources and what each depends on: the order of apply and what a failure stops. */
public final class ResourceGraph {
  private final Map<Address, Set<Address>> dependencies = new TreeMap<>();

  public ResourceGraph add(Address node, Collection<Address> dependsOn) {
    dependencies.computeIfAbsent(node, k -> new TreeSet<>()).addAll(dependsOn);
    return this;
  }

  public Set<Address> nodes() {
    return Collections.unmodifiableSet(dependencies.keySet());
  }

  /** Direct dependencies that are themselves nodes of this graph. */
  public Set<Address> dependencies(Address node) {
    return dependencies.getOrDefault(node, Set.of()).stream()
        .filter(dependencies::containsKey)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Direct dependants: nodes that depend on {@code node}. */
  public Set<Address> dependants(Address node) {
    return dependencies.entrySet().stream()
        .filter(e -> e.getValue().contains(node))
        .map(Map.Entry::getKey)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** {@code nodes} and everything they depend on, transitively: what {@code --target} includes. */
  public Set<Address> withDependencies(Collection<Address> nodes) {
    Set<Address> out = new TreeSet<>();
    List<Address> todo = new ArrayList<>(nodes);
    while (!todo.isEmpty()) {
      Address a = todo.remove(todo.size() - 1);
      if (out.add(a)) {
        todo.addAll(dependencies.getOrDefault(a, Set.of()));
      }
    }
    return out;
  }

  /** Everything that depends on {@code node}, transitively. */
  public Set<Address> allDependants(Address node) {
    Set<Address> out = new TreeSet<>();
    List<Address> todo = new ArrayList<>(dependants(node));
    while (!todo.isEmpty()) {
      Address a = todo.remove(todo.size() - 1);
      if (out.add(a)) {
        todo.addAll(dependants(a));
      }
    }
    return out;
  }

  /**
   * Dependencies first; ties in address order so plans are stable.
   *
   * @throws PullplanException naming the cycle when there is one
   */
  public List<Address> topologicalOrder() {
    List<Address> order = new ArrayList<>();
    Set<Address> done = new HashSet<>();
    for (Address a : dependencies.keySet()) {
      visit(a, done, new LinkedHashSet<>(), order);
    }
    return order;
  }

  private void visit(Address a, Set<Address> done, LinkedHashSet<Address> path, List<Address> order) {
    if (done.contains(a)) {
      return;
    }
    if (!path.add(a)) {
      List<Address> cycle = new ArrayList<>(path);
      cycle = cycle.subList(cycle.indexOf(a), cycle.size());
      String names = cycle.stream().map(Address::toString).collect(Collectors.joining(" -> "));
      throw new PullplanException("dependency cycle: " + names + " -> " + a
          + ". Remove one of these references so the resources can be ordered.");
    }
    // the node's own sorted set, not a filtered copy per visit
    for (Address d : dependencies.getOrDefault(a, Set.of())) {
      if (dependencies.containsKey(d)) {
        visit(d, done, path, order);
      }
    }
    path.remove(a);
    done.add(a);
    order.add(a);
  }

  /** Graphviz DOT, an edge from each resource to what it depends on. */
  public String toDot() {
    StringBuilder dot = new StringBuilder("digraph pullplan {\n  rankdir = \"RL\";\n  node [shape = box];\n");
    for (Address a : dependencies.keySet()) {
      dot.append("  \"").append(quote(a)).append("\";\n");
    }
    for (Address a : dependencies.keySet()) {
      for (Address d : dependencies(a)) {
        dot.append("  \"").append(quote(a)).append("\" -> \"").append(quote(d)).append("\";\n");
      }
    }
    return dot.append("}\n").toString();
  }

  private static String quote(Address a) {
    return a.toString().replace("\"", "\\\"");
  }
}
