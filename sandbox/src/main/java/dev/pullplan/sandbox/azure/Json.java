package dev.pullplan.sandbox.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/** JSON reading and building shared by the sandbox's handlers. */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return object();
    }
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      // the parser's message would quote the body, which may hold a secret
      throw ApiException.badRequest("InvalidRequestContent", "The request content was invalid and could not be deserialized.");
    }
  }

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a response", e);
    }
  }

  /** The text at {@code path} (e.g. {@code "properties", "principalId"}), when present and not null. */
  static Optional<String> text(JsonNode node, String... path) {
    JsonNode at = node;
    for (String field : path) {
      at = at.path(field);
    }
    return at.isValueNode() && !at.isNull() ? Optional.of(at.asText()) : Optional.empty();
  }
}
