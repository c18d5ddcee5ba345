package dev.pullplan.sandbox.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The name and key formats of {@code k8s.io/apimachinery/pkg/util/validation} (RFC 1123 labels
 * and subdomains, qualified names, label values, config map keys), with its messages.
 */
final class Names {
  private static final String DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String DNS1123_SUBDOMAIN = DNS1123_LABEL + "(\\." + DNS1123_LABEL + ")*";
  private static final String DNS1035_LABEL = "[a-z]([-a-z0-9]*[a-z0-9])?";
  private static final String LABEL_KEY = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final String LABEL_VALUE = "(" + LABEL_KEY + ")?";
  private static final String CONFIG_MAP_KEY = "[-._a-zA-Z0-9]+";

  private Names() {}

  static List<String> dns1123Label(String v) {
    List<String> errs = new ArrayList<>();
    if (v.length() > 63) {
      errs.add(maxLen(63));
    }
    if (!matches(DNS1123_LABEL, v)) {
      errs.add(regex("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must"
          + " start and end with an alphanumeric character", DNS1123_LABEL, "my-name", "123-abc"));
    }
    return errs;
  }

  static List<String> dns1123Subdomain(String v) {
    List<String> errs = new ArrayList<>();
    if (v.length() > 253) {
      errs.add(maxLen(253));
    }
    if (!matches(DNS1123_SUBDOMAIN, v)) {
      errs.add(regex("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.',"
          + " and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN, "example.com"));
    }
    return errs;
  }

  static List<String> dns1035Label(String v) {
    List<String> errs = new ArrayList<>();
    if (v.length() > 63) {
      errs.add(maxLen(63));
    }
    if (!matches(DNS1035_LABEL, v)) {
      errs.add(regex("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an"
          + " alphabetic character, and end with an alphanumeric character", DNS1035_LABEL, "my-name", "abc-123"));
    }
    return errs;
  }

  /** Names of RBAC objects only may not contain '/' or '%' and may not be '.' or '..'. */
  static List<String> pathSegment(String v) {
    if (v.equals(".") || v.equals("..")) {
      return List.of("may not be '" + v + "'");
    }
    if (v.contains("/") || v.contains("%")) {
      return List.of("may not contain '/' or '%'");
    }
    return List.of();
  }

  /** A label or annotation key: optional DNS subdomain prefix and '/', then a name of 63 at most. */
  static List<String> qualifiedName(String v) {
    List<String> errs = new ArrayList<>();
    String[] parts = v.split("/", -1);
    String name;
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      name = parts[1];
      if (parts[0].isEmpty()) {
        errs.add("prefix part must be non-empty");
      } else {
        dns1123Subdomain(parts[0]).forEach(m -> errs.add("prefix part " + m));
      }
    } else {
      return List.of("a valid label key " + regex(LABEL_KEY_MESSAGE, LABEL_KEY, "MyName", "my.name", "123-abc")
          + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
    }
    if (name.isEmpty()) {
      errs.add("name part must be non-empty");
    } else if (name.length() > 63) {
      errs.add("name part " + maxLen(63));
    }
    if (!matches(LABEL_KEY, name)) {
      errs.add("name part " + regex(LABEL_KEY_MESSAGE, LABEL_KEY, "MyName", "my.name", "123-abc"));
    }
    return errs;
  }

  private static final String LABEL_KEY_MESSAGE =
      "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

  static List<String> labelValue(String v) {
    List<String> errs = new ArrayList<>();
    if (v.length() > 63) {
      errs.add(maxLen(63));
    }
    if (!matches(LABEL_VALUE, v)) {
      errs.add(regex("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.',"
          + " and must start and end with an alphanumeric character", LABEL_VALUE, "MyValue", "my_value", "12345"));
    }
    return errs;
  }

  static List<String> configMapKey(String v) {
    List<String> errs = new ArrayList<>();
    if (v.length() > 253) {
      errs.add(maxLen(253));
    }
    if (!matches(CONFIG_MAP_KEY, v)) {
      errs.add(regex("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", CONFIG_MAP_KEY,
          "key.name", "KEY_NAME", "key-name"));
    }
    if (v.equals(".")) {
      errs.add("must not be '.'");
    } else if (v.equals("..")) {
      errs.add("must not be '..'");
    } else if (v.startsWith("..")) {
      errs.add("must not start with '..'");
    }
    return errs;
  }

  private static boolean matches(String regex, String v) {
    return Pattern.compile(regex).matcher(v).matches();
  }

  private static String maxLen(int n) {
    return "must be no more than " + n + " characters";
  }

  private static String regex(String msg, String fmt, String... examples) {
    return msg + " (e.g. '" + String.join("' or '", examples) + "', regex used for validation is '" + fmt + "')";
  }
}
