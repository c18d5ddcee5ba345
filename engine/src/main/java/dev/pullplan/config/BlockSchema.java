package dev.pullplan.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a block body may hold: its attributes (and which are required) and nested blocks. A body
 * with {@code openAttributes} takes any attribute (backend settings whose meaning comes later).
 */
record BlockSchema(Set<String> attributes, Set<String> required, Map<String, BlockSchema> blocks, boolean openAttributes) {

  static BlockSchema of(List<String> attributes, List<String> required) {
    return new BlockSchema(ordered(attributes), ordered(required), Map.of(), false);
  }

  static BlockSchema open() {
    return new BlockSchema(Set.of(), Set.of(), Map.of(), true);
  }

  BlockSchema withBlock(String name, BlockSchema nested) {
    Map<String, BlockSchema> all = new java.util.LinkedHashMap<>(blocks);
    all.put(name, nested);
    return new BlockSchema(attributes, required, Map.copyOf(all), openAttributes);
  }

  boolean knowsAttribute(String name) {
    return openAttributes || attributes.contains(name);
  }

  private static Set<String> ordered(List<String> names) {
    return java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(names));
  }
}
