package dev.pullplan.sandbox.kube;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request's path and its query parameters, decoded. */
record Query(String path, Map<String, String> parameters) {

  static Query of(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    Map<String, String> params = new LinkedHashMap<>();
    if (q >= 0) {
      for (String pair : pathAndQuery.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        params.put(key, value);
      }
    }
    return new Query(q < 0 ? pathAndQuery : pathAndQuery.substring(0, q), params);
  }

  /** The parameter, or "" when absent. */
  String get(String name) {
    return parameters.getOrDefault(name, "");
  }

  /** The path and query again, without one parameter. */
  String without(String name) {
    String rest = parameters.entrySet().stream().filter(e -> !e.getKey().equals(name))
        .map(e -> java.net.URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(java.util.stream.Collectors.joining("&"));
    return rest.isEmpty() ? path : path + "?" + rest;
  }

  /** {@code dryRun=All}: admit and validate, store nothing. */
  boolean dryRun() {
    return get("dryRun").equals("All");
  }
}
