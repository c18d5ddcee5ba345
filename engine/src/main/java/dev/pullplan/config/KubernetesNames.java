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
