package dev.pullplan.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** A {@link LockInfo} as the JSON a lock file (or a lease annotation) holds. */
public final class LockInfoJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LockInfoJson() {}

  public static byte[] encode(LockInfo info) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", info.id());
    node.put("operation", info.operation());
    node.put("who", info.who());
    node.put("created", info.created().toString());
    node.put("version", info.version());
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree failed to serialise", e);
    }
  }

  /** Empty when the bytes are not a lock's info (a lock file caught between create and write). */
  public static Optional<LockInfo> decode(byte[] bytes) {
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node == null || !node.isObject()) {
        return Optional.empty();
      }
      return Optional.of(new LockInfo(node.path("id").asText(), node.path("operation").asText(),
          node.path("who").asText(), Instant.parse(node.path("created").asText()), node.path("version").asText()));
    } catch (IOException | DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
