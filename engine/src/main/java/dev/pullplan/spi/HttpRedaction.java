package dev.pullplan.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Takes the secrets out of what the HTTP log writes: credential headers, secret-named query
 * parameters, form fields and JSON members, every value of a Kubernetes Secret's {@code data},
 * and, as a last net over the whole text, anything shaped like a bearer token or a JWT.
 * Errs on the side of hiding: a redacted id costs a reader less than a leaked password.
 */
public final class HttpRedaction {
  public static final String REDACTED = "REDACTED";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Header names whose value is a credential whatever the API. */
  private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
      "set-cookie", "x-ms-authorization-auxiliary");
  /** A name (header, parameter, JSON member) that says its value is secret. */
  private static final Pattern SECRET_NAME = Pattern.compile(
      "(?i).*(password|passwd|secret|token|assertion|credential|private.?key|client.?key|key.?data|dockerconfig|dockercfg"
          + "|kubeconfig|apikey|api.?key|signature|^auth$|^auths$|^sig$|^code$|^value$).*");
  /** Members whose every value is secret: a Kubernetes Secret's payload. */
  private static final Set<String> SECRET_MAPS = Set.of("data", "stringdata");
  private static final Pattern BEARER = Pattern.compile("(?i)\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]{8,}");
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}(\\.[A-Za-z0-9_-]*)?");
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_.~%+-]+=[^&\\s]*(&[A-Za-z0-9_.~%+-]+=[^&\\s]*)*");
  private static final int MAX_BODY = 16 * 1024;

  private HttpRedaction() {}

  public static String header(String name, String value) {
    String lower = name.toLowerCase(Locale.ROOT);
    return CREDENTIAL_HEADERS.contains(lower) || SECRET_NAME.matcher(lower).matches() ? REDACTED : text(value);
  }

  /** The URL with the values of secret-named query parameters replaced. */
  public static String url(String url) {
    int q = url.indexOf('?');
    return q < 0 ? text(url) : text(url.substring(0, q + 1) + form(url.substring(q + 1)));
  }

  /** A request or response body as the log shows it: JSON and forms redacted, anything else summarised. */
  public static String body(String body) {
    String trimmed = body.strip();
    if (trimmed.isEmpty()) {
      return "(empty)";
    }
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      try {
        JsonNode tree = JSON.readTree(trimmed);
        return cap(text(JSON.writeValueAsString(redact(tree))));
      } catch (IOException e) {
        return "(" + body.length() + " characters of unparsable JSON, not shown)";
      }
    }
    if (FORM.matcher(trimmed).matches()) {
      return cap(text(form(trimmed)));
    }
    return "(" + body.length() + " characters, not shown: only JSON and form bodies are logged)";
  }

  /** The last net, over any text the log writes. */
  public static String text(String text) {
    return JWT.matcher(BEARER.matcher(text).replaceAll("$1 " + REDACTED)).replaceAll(REDACTED);
  }

  private static String form(String query) {
    StringBuilder out = new StringBuilder();
    for (String pair : query.split("&", -1)) {
      if (!out.isEmpty()) {
        out.append('&');
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      out.append(eq >= 0 && SECRET_NAME.matcher(name).matches() ? pair.substring(0, eq + 1) + REDACTED : pair);
    }
    return out.toString();
  }

  private static JsonNode redact(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> member = it.next();
        String name = member.getKey();
        JsonNode value = member.getValue();
        if (SECRET_MAPS.contains(name.toLowerCase(Locale.ROOT)) && value instanceof ObjectNode payload) {
          payload.fieldNames().forEachRemaining(k -> payload.set(k, TextNode.valueOf(REDACTED)));
        } else if (SECRET_NAME.matcher(name).matches() && !(value.isContainerNode() && name.equals("value"))) {
          // ARM and Graph lists are {"value": [...]}: walked; a string "value" (a kubeconfig, a password) is not
          member.setValue(value.isNull() ? value : TextNode.valueOf(REDACTED));
        } else {
          redact(value);
        }
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(HttpRedaction::redact);
    }
    return node;
  }

  private static String cap(String text) {
    return text.length() <= MAX_BODY ? text : text.substring(0, MAX_BODY) + "… (" + text.length() + " characters)";
  }
}
