package dev.pullplan.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pullplan.PullplanException;
import java.util.Optional;

/**
 * A node of a state file being read, with its path in the file, so every complaint about a
 * damaged file says where: {@code resources[3].id must be a string}.
 */
record StateJsonField(JsonNode node, String path, String where) {

  static StateJsonField root(JsonNode node, String where) {
    return new StateJsonField(node, "", where);
  }

  Optional<StateJsonField> optional(String name) {
    JsonNode child = node.get(name);
    return child == null || child.isNull() ? Optional.empty() : Optional.of(new StateJsonField(child, at(name), where));
  }

  StateJsonField field(String name) {
    return optional(name).orElseThrow(() -> damaged(at(name) + " is missing"));
  }

  StateJsonField element(int index) {
    return new StateJsonField(node.get(index), path + "[" + index + "]", where);
  }

  String text() {
    if (!node.isTextual()) {
      throw damaged(path + " must be a string");
    }
    return node.textValue();
  }

  long integer() {
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw damaged(path + " must be an integer");
    }
    return node.longValue();
  }

  boolean bool() {
    if (!node.isBoolean()) {
      throw damaged(path + " must be true or false");
    }
    return node.booleanValue();
  }

  StateJsonField object() {
    if (!node.isObject()) {
      throw damaged(path + " must be an object");
    }
    return this;
  }

  StateJsonField array() {
    if (!node.isArray()) {
      throw damaged(path + " must be an array");
    }
    return this;
  }

  PullplanException damaged(String problem) {
    return new PullplanException("the state " + where + " is damaged: " + problem);
  }

  private String at(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
