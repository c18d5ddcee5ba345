package dev.pullplan.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Strategic merge patch with the list strategies of the real types' {@code patchStrategy} /
 * {@code patchMergeKey} tags: a list tagged {@code merge} merges by its key (or as a set of
 * primitives), every other list is replaced. So a ServiceAccount's {@code imagePullSecrets}, which
 * has no strategy, is replaced by {@code kubectl patch sa default -p '{"imagePullSecrets":[...]}'}
 * while a Pod's {@code imagePullSecrets} (merge on {@code name}) merges. Directives: {@code $patch}
 * ({@code replace}, {@code delete}), {@code $retainKeys}, {@code $deleteFromPrimitiveList/},
 * {@code $setElementOrder/} (accepted, order not enforced).
 */
final class StrategicMergePatch {
  /** Merge key of a list, or "" for a merged list of primitives. Paths are dotted field names. */
  private static final Map<String, String> COMMON = Map.of(
      "metadata.finalizers", "",
      "metadata.ownerReferences", "uid");
  private static final Map<String, String> POD_SPEC = Map.ofEntries(
      Map.entry("containers", "name"),
      Map.entry("initContainers", "name"),
      Map.entry("ephemeralContainers", "name"),
      Map.entry("volumes", "name"),
      Map.entry("imagePullSecrets", "name"),
      Map.entry("containers.env", "name"),
      Map.entry("containers.ports", "containerPort"),
      Map.entry("containers.volumeMounts", "mountPath"),
      Map.entry("initContainers.env", "name"),
      Map.entry("initContainers.volumeMounts", "mountPath"));
  private static final Map<String, Map<String, String>> BY_KIND = new HashMap<>();

  static {
    BY_KIND.put("ServiceAccount", Map.of("secrets", "name"));
    BY_KIND.put("Pod", prefixed("spec.", POD_SPEC));
    for (String workload : List.of("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job")) {
      BY_KIND.put(workload, prefixed("spec.template.spec.", POD_SPEC));
    }
    BY_KIND.put("CronJob", prefixed("spec.jobTemplate.spec.template.spec.", POD_SPEC));
  }

  private final Map<String, String> lists;

  private StrategicMergePatch(String kind) {
    this.lists = new HashMap<>(COMMON);
    lists.putAll(BY_KIND.getOrDefault(kind, Map.of()));
  }

  static JsonNode apply(String kind, JsonNode target, JsonNode patch) throws PatchFailure {
    if (!patch.isObject()) {
      throw new PatchFailure(400, "invalid JSON document for a strategic merge patch");
    }
    return new StrategicMergePatch(kind).mergeObject(target, (ObjectNode) patch, "").orElse(KubeJson.object());
  }

  private Optional<JsonNode> mergeObject(JsonNode target, ObjectNode patch, String path) throws PatchFailure {
    String directive = KubeJson.text(patch, "$patch");
    if (directive.equals("delete")) {
      return Optional.empty();
    }
    if (directive.equals("replace")) {
      ObjectNode copy = patch.deepCopy();
      copy.remove("$patch");
      return Optional.of(copy);
    }
    if (!directive.isEmpty()) {
      throw new PatchFailure(400, "Unknown patch type: " + directive);
    }
    ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : KubeJson.object();
    JsonNode retain = patch.get("$retainKeys");
    if (retain != null && retain.isArray()) {
      Set<String> keep = new HashSet<>();
      retain.forEach(k -> keep.add(k.asText()));
      result.retain(keep);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode value = e.getValue();
      if (key.equals("$patch") || key.equals("$retainKeys") || key.startsWith("$setElementOrder/")) {
        continue;
      }
      if (key.startsWith("$deleteFromPrimitiveList/")) {
        String field = key.substring("$deleteFromPrimitiveList/".length());
        if (result.get(field) instanceof ArrayNode list) {
          Set<JsonNode> drop = new HashSet<>();
          value.forEach(drop::add);
          for (int i = list.size() - 1; i >= 0; i--) {
            if (drop.contains(list.get(i))) {
              list.remove(i);
            }
          }
        }
        continue;
      }
      String childPath = path.isEmpty() ? key : path + "." + key;
      if (value.isNull()) {
        result.remove(key);
      } else if (value.isObject()) {
        Optional<JsonNode> merged = mergeObject(result.get(key), (ObjectNode) value, childPath);
        if (merged.isPresent()) {
          result.set(key, merged.get());
        } else {
          result.remove(key);
        }
      } else if (value.isArray()) {
        result.set(key, mergeList(result.get(key), (ArrayNode) value, childPath));
      } else {
        result.set(key, value.deepCopy());
      }
    }
    return Optional.of(result);
  }

  private JsonNode mergeList(JsonNode target, ArrayNode patch, String path) throws PatchFailure {
    String mergeKey = lists.get(path);
    boolean replaceAll = false;
    ArrayNode items = KubeJson.MAPPER.createArrayNode();
    for (JsonNode item : patch) {
      if (item.isObject() && KubeJson.text(item, "$patch").equals("replace") && item.size() == 1) {
        replaceAll = true;
      } else {
        items.add(item);
      }
    }
    ArrayNode current = target instanceof ArrayNode a ? a.deepCopy() : KubeJson.MAPPER.createArrayNode();
    if (mergeKey == null || replaceAll) {
      return stripDirectives(items);
    }
    if (mergeKey.isEmpty()) {
      for (JsonNode item : items) {
        if (!contains(current, item)) {
          current.add(item.deepCopy());
        }
      }
      return current;
    }
    for (JsonNode item : items) {
      JsonNode key = item.get(mergeKey);
      if (key == null) {
        throw new PatchFailure(400, "map: " + item + " does not contain declared merge key: " + mergeKey);
      }
      int at = indexOf(current, mergeKey, key);
      boolean delete = KubeJson.text(item, "$patch").equals("delete");
      if (delete) {
        if (at >= 0) {
          current.remove(at);
        }
      } else if (at >= 0) {
        current.set(at, mergeObject(current.get(at), (ObjectNode) item, path).orElse(KubeJson.object()));
      } else {
        current.add(mergeObject(null, (ObjectNode) item, path).orElse(KubeJson.object()));
      }
    }
    return current;
  }

  private static ArrayNode stripDirectives(ArrayNode items) {
    ArrayNode out = KubeJson.MAPPER.createArrayNode();
    for (JsonNode item : items) {
      if (item instanceof ObjectNode o) {
        ObjectNode copy = o.deepCopy();
        copy.remove("$patch");
        out.add(copy);
      } else {
        out.add(item.deepCopy());
      }
    }
    return out;
  }

  private static boolean contains(ArrayNode list, JsonNode item) {
    for (JsonNode x : list) {
      if (x.equals(item)) {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(ArrayNode list, String mergeKey, JsonNode key) {
    for (int i = 0; i < list.size(); i++) {
      if (key.equals(list.get(i).get(mergeKey))) {
        return i;
      }
    }
    return -1;
  }

  private static Map<String, String> prefixed(String prefix, Map<String, String> lists) {
    Map<String, String> out = new HashMap<>();
    lists.forEach((k, v) -> out.put(prefix + k, v));
    return out;
  }
}
