package dev.pullplan.sandbox.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** List answers in pages, with an absolute https next link that repeats the query. */
final class Pages {

  private static final String SKIP = "$skiptoken";

  private Pages() {
  }

  /**
   * {@code {"value":[…], <nextLinkField>: "https://…&$skiptoken=N"}}, the link only when more follow.
   * ARM names it {@code nextLink}, Graph {@code @odata.nextLink}.
   */
  static ObjectNode page(HttpCall call, List<? extends JsonNode> items, int pageSize, String nextLinkField) {
    int from = call.query(SKIP).map(Pages::offset).orElse(0);
    int to = Math.min(items.size(), from + pageSize);
    ObjectNode body = Json.object();
    body.putArray("value").addAll(items.subList(Math.min(from, items.size()), to));
    if (to < items.size()) {
      String query = call.queryParameters().entrySet().stream()
          .filter(e -> !e.getKey().equalsIgnoreCase(SKIP))
          .map(Pages::encode)
          .collect(Collectors.joining("&"));
      body.put(nextLinkField, call.baseUrl() + call.path() + "?" + (query.isEmpty() ? "" : query + "&")
          + SKIP + "=" + to);
    }
    return body;
  }

  private static int offset(String token) {
    try {
      return Math.max(0, Integer.parseInt(token));
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("InvalidSkipToken", "The skip token '" + token + "' is not valid.");
    }
  }

  private static String encode(Map.Entry<String, String> e) {
    return URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8).replace("+", "%20") + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20");
  }
}
