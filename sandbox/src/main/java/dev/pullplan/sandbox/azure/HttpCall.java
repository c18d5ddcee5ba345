package dev.pullplan.sandbox.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One request as the handlers see it: method, normalised path, decoded query, body. */
final class HttpCall {

  private final String method;
  private final String path;
  private final Map<String, String> query;
  private final byte[] body;
  private final Map<String, String> headers;
  private final String baseUrl;

  HttpCall(String method, String path, Map<String, String> query, byte[] body, Map<String, String> headers,
      String baseUrl) {
    this.method = method;
    this.path = path;
    this.query = query;
    this.body = body;
    this.headers = headers;
    this.baseUrl = baseUrl;
  }

  static HttpCall read(HttpExchange exchange, String baseUrl) throws IOException {
    // getPath() would read "//subscriptions/..." (a scope-based SDK call) as an authority
    String raw = exchange.getRequestURI().toString();
    int q = raw.indexOf('?');
    String rawPath = q < 0 ? raw : raw.substring(0, q);
    String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8).replaceAll("/{2,}", "/");
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    Map<String, String> query = q < 0 ? Map.of() : parseForm(raw.substring(q + 1));
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
    return new HttpCall(exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT), path, query, body,
        Collections.unmodifiableMap(headers), baseUrl);
  }

  /** {@code a=1&b=x%20y} into a case-insensitive map (first value wins). */
  static Map<String, String> parseForm(String encoded) {
    Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      values.putIfAbsent(name, value);
    }
    return Collections.unmodifiableMap(values);
  }

  String method() {
    return method;
  }

  String path() {
    return path;
  }

  Optional<String> query(String name) {
    return Optional.ofNullable(query.get(name));
  }

  Map<String, String> queryParameters() {
    return query;
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  JsonNode json() {
    return Json.parse(body);
  }

  Map<String, String> form() {
    return parseForm(new String(body, StandardCharsets.UTF_8));
  }

  /** {@code https://127.0.0.1:port}, for the absolute links ARM and Graph return. */
  String baseUrl() {
    return baseUrl;
  }
}
