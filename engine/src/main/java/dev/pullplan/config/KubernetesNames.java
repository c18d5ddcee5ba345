package dev.pullplan.config;

import java.util.Optional;
import java.util.regex.Pattern;

/** Kubernetes' rules for object names and labels; each check returns what is wrong, if anything. */
final class KubernetesNames {
  private KubernetesNames() {}

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

  /** Namespaces: a DNS-1123 label. */
  static Optional<String> checkLabel(String name) {
    if (name.length() > 63) {
      return Optional.of("is longer than 63 characters");
    }
    return LABEL.matcher(name).matches() ? Optional.empty()
        : Optional.of("is not a DNS-1123 label (lower-case letters, digits and `-`, starting and ending with a letter or digit)");
  }

  /** Secrets and service accounts: a DNS-1123 subdomain. */
  static Optional<String> checkSubdomain(String name) {
    if (name.length() > 253) {
      return Optional.of("is longer than 253 characters");
    }
    return SUBDOMAIN.matcher(name).matches() ? Optional.empty()
        : Optional.of("is not a DNS-1123 subdomain (lower-case letters, digits, `-` and `.`, starting and ending with a letter or digit)");
  }

  /** A valid name close to what the user wrote, for hints. */
  static String suggest(String name) {
    String s = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    return s.isEmpty() ? "my-name" : s.length() > 63 ? s.substring(0, 63).replaceAll("-+$", "") : s;
  }

  /** A map attribute of Kubernetes labels (or a label selector), each key and value checked. */
  static java.util.Map<String, String> labels(BodyReader body, String attribute, dev.pullplan.diag.Diagnostics diagnostics) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    body.stringMap(attribute).ifPresent(map -> map.forEach((key, value) -> {
      checkLabelKey(key).ifPresent(problem -> diagnostics.error(value.position(),
          "label key \"" + key + "\" " + problem, "e.g. team = \"edge\" or \"example.com/team\" = \"edge\""));
      checkLabelValue(value.value()).ifPresent(problem -> diagnostics.error(value.position(),
          "the value of label \"" + key + "\" " + problem, "e.g. " + key + " = \"" + suggest(value.value()) + "\""));
      out.put(key, value.value());
    }));
    return java.util.Collections.unmodifiableMap(out);
  }

  static Optional<String> checkLabelKey(String key) {
    int slash = key.indexOf('/');
    String prefix = slash < 0 ? "" : key.substring(0, slash);
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0 && checkSubdomain(prefix).isPresent()) {
      return Optional.of("has an invalid prefix `" + prefix + "` (it must be a DNS-1123 subdomain)");
    }
    if (name.length() > 63 || !LABEL_NAME.matcher(name).matches()) {
      return Optional.of("is not a valid label key (at most 63 letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit, with an optional `prefix/`)");
    }
    return Optional.empty();
  }

  static Optional<String> checkLabelValue(String value) {
    if (value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
      return Optional.of("is not a valid label value (at most 63 letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit)");
    }
    return Optional.empty();
  }
}
