package dev.pullplan.sandbox.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;

/** JSON in and out of the sandbox's API server. */
final class KubeJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private KubeJson() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** The body as JSON, or empty when it is not JSON (the caller answers 400). */
  static java.util.Optional<JsonNode> parse(String body) {
    try {
      return java.util.Optional.ofNullable(MAPPER.readTree(body));
    } catch (JsonProcessingException e) {
      return java.util.Optional.empty();
    }
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  static MockResponse response(int code, JsonNode body) {
    return new MockResponse().setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(write(body));
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }
}
