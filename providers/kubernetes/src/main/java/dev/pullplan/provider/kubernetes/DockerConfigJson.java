package dev.pullplan.provider.kubernetes;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The one encoder of {@code .dockerconfigjson} in pullplan, and its decoder. The shape is the one
 * every runtime accepts: {@code {"auths":{"<server>":{"username":…,"password":…,"auth":base64("user:pass")}}}}
 * — compact, standard base64 (not URL-safe, not base64 twice), no {@code email}, never an empty
 * {@code auths}.
 */
final class DockerConfigJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DockerConfigJson() {}

  static String encode(RegistryLogin login) {
    ObjectNode entry = JSON.createObjectNode()
        .put("username", login.username())
        .put("password", login.password())
        .put("auth", base64(login.username() + ":" + login.password()));
    ObjectNode root = JSON.createObjectNode();
    root.putObject("auths").set(login.server(), entry);
    return root.toString();
  }

  /**
   * The login for {@code server}, else the first entry; username and password come from the
   * {@code auth} field when the fields themselves are missing (as other tools write it). Empty
   * when the text is not a dockerconfigjson with at least one usable entry.
   */
  static Optional<RegistryLogin> decode(String json, String server) {
    JsonNode auths;
    try {
      auths = JSON.readTree(json).path("auths");
    } catch (JacksonException e) {
      return Optional.empty();
    }
    if (!auths.isObject() || auths.isEmpty()) {
      return Optional.empty();
    }
    if (auths.has(server)) {
      return login(server, auths.get(server));
    }
    Iterator<Map.Entry<String, JsonNode>> first = auths.fields();
    Map.Entry<String, JsonNode> e = first.next();
    return login(e.getKey(), e.getValue());
  }

  private static Optional<RegistryLogin> login(String server, JsonNode entry) {
    if (entry.hasNonNull("username") && entry.hasNonNull("password")) {
      return Optional.of(new RegistryLogin(server, entry.get("username").asText(), entry.get("password").asText()));
    }
    if (!entry.hasNonNull("auth")) {
      return Optional.empty();
    }
    String pair;
    try {
      pair = new String(Base64.getDecoder().decode(entry.get("auth").asText()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    int colon = pair.indexOf(':');
    return colon < 0 ? Optional.empty()
        : Optional.of(new RegistryLogin(server, pair.substring(0, colon), pair.substring(colon + 1)));
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
