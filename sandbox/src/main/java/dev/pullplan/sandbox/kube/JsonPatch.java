package dev.pullplan.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON patch, RFC 6902, with RFC 6901 pointers. A failing {@code test} is answered 422, as the API
 * server does (the CRUD mock throws and never answers).
 */
final class JsonPatch {
  private JsonPatch() {}

  static JsonNode apply(JsonNode target, JsonNode patch) throws PatchFailure {
    if (!patch.isArray()) {
      throw new PatchFailure(400, "json: cannot unmarshal object into Go value of type jsonpatch.Patch");
    }
    JsonNode doc = target.deepCopy();
    for (JsonNode op : patch) {
      String kind = KubeJson.text(op, "op");
      String path = KubeJson.text(op, "path");
      switch (kind) {
        case "add" -> doc = add(doc, path, value(op));
        case "remove" -> doc = remove(doc, path);
        case "replace" -> doc = add(remove(doc, path), path, value(op));
        case "move" -> {
          JsonNode v = get(doc, KubeJson.text(op, "from"));
          doc = add(remove(doc, KubeJson.text(op, "from")), path, v);
        }
        case "copy" -> doc = add(doc, path, get(doc, KubeJson.text(op, "from")).deepCopy());
        case "test" -> {
          if (!get(doc, path).equals(value(op))) {
            throw new PatchFailure(422, "testing value " + path + " failed: test failed");
          }
        }
        default -> throw new PatchFailure(422, "Unexpected kind: " + kind);
      }
    }
    return doc;
  }

  private static JsonNode value(JsonNode op) throws PatchFailure {
    JsonNode v = op.get("value");
    if (v == null) {
      throw new PatchFailure(422, "missing value in " + KubeJson.text(op, "op") + " operation");
    }
    return v;
  }

  private static List<String> tokens(String pointer) throws PatchFailure {
    if (pointer.isEmpty()) {
      return List.of();
    }
    if (!pointer.startsWith("/")) {
      throw new PatchFailure(422, "JSON pointer must start with /: " + pointer);
    }
    List<String> out = new ArrayList<>();
    for (String t : pointer.substring(1).split("/", -1)) {
      out.add(t.replace("~1", "/").replace("~0", "~"));
    }
    return out;
  }

  private static JsonNode get(JsonNode doc, String pointer) throws PatchFailure {
    JsonNode node = doc;
    for (String t : tokens(pointer)) {
      node = node == null ? null : node.isArray() ? node.get(index(t, node.size() - 1)) : node.get(t);
    }
    if (node == null) {
      throw new PatchFailure(422, "doc is missing path: " + pointer);
    }
    return node;
  }

  private static JsonNode add(JsonNode doc, String pointer, JsonNode value) throws PatchFailure {
    List<String> t = tokens(pointer);
    if (t.isEmpty()) {
      return value.deepCopy();
    }
    JsonNode parent = get(doc, parentOf(pointer));
    String last = t.get(t.size() - 1);
    if (parent instanceof ObjectNode o) {
      o.set(last, value.deepCopy());
    } else if (parent instanceof ArrayNode a) {
      if (last.equals("-")) {
        a.add(value.deepCopy());
      } else {
        a.insert(index(last, a.size()), value.deepCopy());
      }
    } else {
      throw new PatchFailure(422, "doc is missing path: " + pointer);
    }
    return doc;
  }

  private static JsonNode remove(JsonNode doc, String pointer) throws PatchFailure {
    List<String> t = tokens(pointer);
    get(doc, pointer);
    JsonNode parent = get(doc, parentOf(pointer));
    String last = t.get(t.size() - 1);
    if (parent instanceof ObjectNode o) {
      o.remove(last);
    } else if (parent instanceof ArrayNode a) {
      a.remove(index(last, a.size() - 1));
    }
    return doc;
  }

  private static String parentOf(String pointer) {
    return pointer.substring(0, pointer.lastIndexOf('/'));
  }

  private static int index(String token, int max) throws PatchFailure {
    try {
      int i = Integer.parseInt(token);
      if (i < 0 || i > max) {
        throw new PatchFailure(422, "index out of bounds: " + token);
      }
      return i;
    } catch (NumberFormatException e) {
      throw new PatchFailure(422, "not an array index: " + token);
    }
  }
}
