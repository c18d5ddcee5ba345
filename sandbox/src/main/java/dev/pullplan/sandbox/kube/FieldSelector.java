package dev.pullplan.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A field selector ({@code type=kubernetes.io/dockerconfigjson},
 * {@code involvedObject.name=web,involvedObject.kind!=Node}): terms joined by commas, each
 * {@code =}, {@code ==} or {@code !=} on a dotted field path. The mock ignores them; the sandbox
 * filters lists with them (not watches).
 */
record FieldSelector(List<Term> terms) {

  record Term(String field, String value, boolean equal) {}

  static FieldSelector parse(String text) {
    List<Term> terms = new ArrayList<>();
    for (String part : text.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      int ne = part.indexOf("!=");
      if (ne >= 0) {
        terms.add(new Term(part.substring(0, ne).trim(), part.substring(ne + 2).trim(), false));
        continue;
      }
      int eq = part.indexOf('=');
      if (eq >= 0) {
        String value = part.substring(eq + 1);
        terms.add(new Term(part.substring(0, eq).trim(), (value.startsWith("=") ? value.substring(1) : value).trim(),
            true));
      }
    }
    return new FieldSelector(terms);
  }

  boolean matches(JsonNode object) {
    for (Term t : terms) {
      JsonNode node = object;
      for (String segment : t.field().split("\\.")) {
        node = node.path(segment);
      }
      String actual = node.isMissingNode() || node.isNull() ? "" : node.asText();
      if (actual.equals(t.value()) != t.equal()) {
        return false;
      }
    }
    return true;
  }
}
