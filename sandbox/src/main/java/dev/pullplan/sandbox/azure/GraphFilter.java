package dev.pullplan.sandbox.azure;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of OData {@code $filter} pullplan and the SDK use on directory objects: {@code p eq 'v'},
 * {@code p/any(x:x eq 'v')}, {@code startswith(p,'v')}, joined by {@code and}. Strings compare
 * case-insensitively, as Graph does.
 */
final class GraphFilter {

  private static final String VALUE = "'(?<value>(?:[^']|'')*)'";
  private static final Pattern EQ = Pattern.compile("(?<prop>\\w+)\\s+eq\\s+" + VALUE);
  private static final Pattern ANY = Pattern.compile(
      "(?<prop>\\w+)/any\\(\\s*(?<v>\\w+)\\s*:\\s*\\k<v>\\s+eq\\s+" + VALUE + "\\s*\\)");
  private static final Pattern STARTS = Pattern.compile("startswith\\(\\s*(?<prop>\\w+)\\s*,\\s*" + VALUE + "\\s*\\)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern AND = Pattern.compile("\\s+and\\s+");

  private GraphFilter() {
  }

  static Predicate<JsonNode> parse(String filter) {
    List<Predicate<JsonNode>> terms = new ArrayList<>();
    for (String term : AND.split(filter.trim())) {
      terms.add(term(term.trim()));
    }
    return node -> terms.stream().allMatch(t -> t.test(node));
  }

  private static Predicate<JsonNode> term(String term) {
    Matcher eq = EQ.matcher(term);
    if (eq.matches()) {
      String prop = eq.group("prop");
      String value = unquote(eq.group("value"));
      return node -> node.path(prop).isValueNode() && node.path(prop).asText().equalsIgnoreCase(value);
    }
    Matcher any = ANY.matcher(term);
    if (any.matches()) {
      String prop = any.group("prop");
      String value = unquote(any.group("value"));
      return node -> {
        for (JsonNode item : node.path(prop)) {
          if (item.asText().equalsIgnoreCase(value)) {
            return true;
          }
        }
        return false;
      };
    }
    Matcher starts = STARTS.matcher(term);
    if (starts.matches()) {
      String prop = starts.group("prop");
      String value = unquote(starts.group("value")).toLowerCase(java.util.Locale.ROOT);
      return node -> node.path(prop).asText("").toLowerCase(java.util.Locale.ROOT).startsWith(value);
    }
    throw ApiException.badRequest("Request_UnsupportedQuery", "Unsupported or invalid query filter clause: " + term);
  }

  private static String unquote(String value) {
    return value.replace("''", "'");
  }
}
