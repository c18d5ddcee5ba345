package dev.pullplan.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Attribute values as JSON and back: strings, booleans, numbers, lists and string-keyed maps of
 * those. Integers always read back as {@link Long} (or {@link BigInteger} beyond its range), other
 * numbers as {@link Double}, maps with their keys sorted, so a value survives a round trip and the
 * file's text does not depend on map iteration order.
 */
public final class AttributeJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AttributeJson() {}

  /** @throws IllegalArgumentException naming {@code path} when the value is not JSON-shaped */
  public static JsonNode toJson(Object value, String path) {
    if (value instanceof String s) {
      return NODES.textNode(s);
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return NODES.numberNode(((Number) value).longValue());
    }
    if (value instanceof BigInteger i) {
      return NODES.numberNode(i);
    }
    if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
      return NODES.numberNode(((Number) value).doubleValue());
    }
    if (value instanceof BigDecimal d) {
      return NODES.numberNode(d);
    }
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode();
      for (int i = 0; i < list.size(); i++) {
        array.add(toJson(list.get(i), path + "[" + i + "]"));
      }
      return array;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      for (Map.Entry<String, ?> e : sortedByKey(map, path).entrySet()) {
        object.set(e.getKey(), toJson(e.getValue(), path + "." + e.getKey()));
      }
      return object;
    }
    throw new IllegalArgumentException(path + " holds "
        + Optional.ofNullable(value).map(v -> "a " + v.getClass().getName()).orElse("null")
        + ", which is not a JSON value (string, boolean, finite number, list or map)");
  }

  private static TreeMap<String, Object> sortedByKey(Map<?, ?> map, String path) {
    TreeMap<String, Object> sorted = new TreeMap<>();
    map.forEach((k, v) -> {
      if (!(k instanceof String key)) {
        throw new IllegalArgumentException(path + " is a map with a non-string key");
      }
      sorted.put(key, v);
    });
    return sorted;
  }

  /** @throws IllegalArgumentException naming {@code path} for a JSON null */
  public static Object fromJson(JsonNode node, String path) {
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        list.add(fromJson(node.get(i), path + "[" + i + "]"));
      }
      return Collections.unmodifiableList(list);
    }
    if (node.isObject()) {
      return Collections.unmodifiableMap(fromJsonObject(node, path));
    }
    throw new IllegalArgumentException(path + " is " + node.getNodeType().name().toLowerCase()
        + ", which an attribute cannot hold");
  }

  static TreeMap<String, Object> fromJsonObject(JsonNode object, String path) {
    TreeMap<String, Object> map = new TreeMap<>();
    object.properties().forEach(e -> map.put(e.getKey(), fromJson(e.getValue(), path + "." + e.getKey())));
    return map;
  }
}
