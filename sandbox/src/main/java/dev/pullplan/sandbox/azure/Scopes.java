package dev.pullplan.sandbox.azure;

import java.util.Locale;

/** ARM scopes compare case-insensitively and contain each other by path prefix. */
final class Scopes {

  private Scopes() {
  }

  /** Collapses double slashes, drops a trailing slash; the root scope is {@code "/"}. */
  static String normalize(String scope) {
    String s = ("/" + scope).replaceAll("/{2,}", "/");
    return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  static boolean same(String a, String b) {
    return normalize(a).equalsIgnoreCase(normalize(b));
  }

  /** Whether {@code outer} is {@code inner} or one of its parents. */
  static boolean contains(String outer, String inner) {
    String o = normalize(outer).toLowerCase(Locale.ROOT);
    String i = normalize(inner).toLowerCase(Locale.ROOT);
    return o.equals(i) || o.equals("/") || i.startsWith(o + "/");
  }

  /** {@code scope + suffix} without a double slash at the root. */
  static String child(String scope, String suffix) {
    return normalize(scope).equals("/") ? suffix : normalize(scope) + suffix;
  }
}
