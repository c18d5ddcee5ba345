package dev.pullplan.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** How evaluated values are named in messages and turned into text. */
final class Values {
  private Values() {}

  static String describeKind(Object v) {
    if (v instanceof String) {
      return "a string";
    } else if (v instanceof BigDecimal) {
      return "a number";
    } else if (v instanceof Boolean) {
      return "a bool";
    } else if (v instanceof List) {
      return "a list";
    } else if (v instanceof Map) {
      return "a map";
    } else if (v instanceof BlockRef ref) {
      return "a reference to " + ref.kind() + " `" + ref.name() + "`";
    }
    return "null";
  }

  /** The kind and, when short and not secret, the value itself: {@code a string ("yes")}. */
  static String describe(Object v, boolean sensitive) {
    String kind = describeKind(v);
    if (sensitive) {
      return kind;
    }
    if (v instanceof String s && s.length() <= 60) {
      return kind + " (\"" + s + "\")";
    }
    if (v instanceof BigDecimal n) {
      return kind + " (" + numberText(n) + ")";
    }
    if (v instanceof Boolean b) {
      return kind + " (" + b + ")";
    }
    return kind;
  }

  static String numberText(BigDecimal n) {
    return n.stripTrailingZeros().toPlainString();
  }
}
