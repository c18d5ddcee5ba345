package dev.pullplan.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;

/**
 * The {@code meta.k8s.io/v1 Table} a real API server renders for {@code kubectl get}: the columns
 * of the kinds kubectl users look at most (namespaces, secrets, serviceaccounts, configmaps, pods,
 * events), NAME and AGE for the others, each row with the object's metadata
 * ({@code PartialObjectMetadata}, the server's default).
 */
final class Tables {
  private record Column(String name, String type, Function<JsonNode, Object> cell) {}

  private Tables() {}

  static boolean wanted(String accept) {
    return accept != null && accept.contains("as=Table");
  }

  static ObjectNode table(ApiResource r, List<JsonNode> items, String resourceVersion, Instant now) {
    List<Column> columns = columns(r.kind(), now);
    ObjectNode t = KubeJson.object();
    t.put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    t.putObject("metadata").put("resourceVersion", resourceVersion);
    ArrayNode defs = t.putArray("columnDefinitions");
    for (Column c : columns) {
      defs.addObject().put("name", c.name()).put("type", c.type()).put("format", c.name().equals("Name") ? "name" : "")
          .put("description", "").put("priority", 0);
    }
    ArrayNode rows = t.putArray("rows");
    for (JsonNode item : items) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      for (Column c : columns) {
        Object v = c.cell().apply(item);
        if (v instanceof Integer i) {
          cells.add(i);
        } else {
          cells.add(String.valueOf(v));
        }
      }
      ObjectNode object = row.putObject("object");
      object.put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
      object.set("metadata", item.path("metadata").deepCopy());
    }
    return t;
  }

  private static List<Column> columns(String kind, Instant now) {
    Column name = new Column("Name", "string", o -> KubeJson.text(o.path("metadata"), "name"));
    Column age = new Column("Age", "string", o -> age(KubeJson.text(o.path("metadata"), "creationTimestamp"), now));
    return switch (kind) {
      case "Namespace" -> List.of(name, new Column("Status", "string", o -> KubeJson.text(o.path("status"), "phase")), age);
      case "Secret" -> List.of(name, new Column("Type", "string", o -> KubeJson.text(o, "type")),
          new Column("Data", "integer", o -> o.path("data").size()), age);
      case "ConfigMap" -> List.of(name, new Column("Data", "integer", o -> o.path("data").size()
          + o.path("binaryData").size()), age);
      case "ServiceAccount" -> List.of(name, new Column("Secrets", "integer", o -> o.path("secrets").size()), age);
      case "Pod" -> List.of(name, new Column("Ready", "string", Tables::ready),
          new Column("Status", "string", Tables::podStatus), new Column("Restarts", "string", Tables::restarts), age);
      case "Event" -> List.of(
          new Column("Last Seen", "string", o -> age(KubeJson.text(o, "lastTimestamp"), now)),
          new Column("Type", "string", o -> KubeJson.text(o, "type")),
          new Column("Reason", "string", o -> KubeJson.text(o, "reason")),
          new Column("Object", "string", o -> KubeJson.text(o.path("involvedObject"), "kind").toLowerCase(
              java.util.Locale.ROOT) + "/" + KubeJson.text(o.path("involvedObject"), "name")),
          new Column("Message", "string", o -> KubeJson.text(o, "message")));
      default -> List.of(name, age);
    };
  }

  private static String ready(JsonNode pod) {
    int total = pod.path("spec").path("containers").size();
    int ready = 0;
    for (JsonNode s : pod.path("status").path("containerStatuses")) {
      ready += s.path("ready").asBoolean(false) ? 1 : 0;
    }
    return ready + "/" + total;
  }

  /** As kubectl's printer: a waiting or terminated container's reason wins over the phase. */
  private static String podStatus(JsonNode pod) {
    for (JsonNode s : pod.path("status").path("containerStatuses")) {
      String waiting = KubeJson.text(s.path("state").path("waiting"), "reason");
      if (!waiting.isEmpty()) {
        return waiting;
      }
      String terminated = KubeJson.text(s.path("state").path("terminated"), "reason");
      if (!terminated.isEmpty()) {
        return terminated;
      }
    }
    String phase = KubeJson.text(pod.path("status"), "phase");
    return phase.isEmpty() ? "Pending" : phase;
  }

  private static String restarts(JsonNode pod) {
    int n = 0;
    for (JsonNode s : pod.path("status").path("containerStatuses")) {
      n += s.path("restartCount").asInt(0);
    }
    return String.valueOf(n);
  }

  /** apimachinery's HumanDuration: 45s, 5m10s, 3h, 2d4h, ... */
  static String age(String timestamp, Instant now) {
    if (timestamp.isEmpty()) {
      return "<unknown>";
    }
    Duration d;
    try {
      d = Duration.between(Instant.parse(timestamp), now);
    } catch (DateTimeParseException e) {
      return "<unknown>";
    }
    long s = Math.max(0, d.getSeconds());
    long m = s / 60;
    long h = s / 3600;
    long days = h / 24;
    if (s < 120) {
      return s + "s";
    }
    if (m < 10) {
      return s % 60 == 0 ? m + "m" : m + "m" + s % 60 + "s";
    }
    if (m < 180) {
      return m + "m";
    }
    if (h < 8) {
      return m % 60 == 0 ? h + "h" : h + "h" + m % 60 + "m";
    }
    if (h < 48) {
      return h + "h";
    }
    if (h < 24 * 8) {
      return h % 24 == 0 ? days + "d" : days + "d" + h % 24 + "h";
    }
    if (days < 365 * 2) {
      return days + "d";
    }
    return days / 365 + "y";
  }
}
