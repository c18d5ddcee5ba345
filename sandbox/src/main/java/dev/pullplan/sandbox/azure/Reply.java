package dev.pullplan.sandbox.azure;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A successful answer: status, optional JSON body, extra headers. */
record Reply(int status, Optional<JsonNode> body, Map<String, String> headers) {

  Reply {
    headers = Map.copyOf(headers);
  }

  static Reply json(int status, JsonNode body) {
    return new Reply(status, Optional.of(body), Map.of());
  }

  static Reply ok(JsonNode body) {
    return json(200, body);
  }

  static Reply empty(int status) {
    return new Reply(status, Optional.empty(), Map.of());
  }

  Reply withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Reply(status, body, copy);
  }
}
