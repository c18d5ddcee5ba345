package dev.pullplan.sandbox.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.List;
import java.util.stream.Collectors;

/** The {@code Status} bodies a real API server answers errors with (metav1.Status). */
final class KubeStatus {
  private KubeStatus() {}

  static MockResponse notFound(String plural, String name) {
    return failure(404, "NotFound", plural + " \"" + name + "\" not found", details(plural, name));
  }

  /** An unknown path or an API the server does not serve. */
  static MockResponse noSuchResource() {
    return failure(404, "NotFound", "the server could not find the requested resource", null);
  }

  static MockResponse alreadyExists(String plural, String name) {
    return failure(409, "AlreadyExists", plural + " \"" + name + "\" already exists", details(plural, name));
  }

  static MockResponse conflict(String plural, String name) {
    return failure(409, "Conflict", "Operation cannot be fulfilled on " + plural + " \"" + name
        + "\": the object has been modified; please apply your changes to the latest version and try again",
        details(plural, name));
  }

  static MockResponse methodNotAllowed() {
    return failure(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", null);
  }

  static MockResponse unsupportedMediaType(String contentType) {
    return failure(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media "
        + "types include: application/json, application/yaml, application/vnd.kubernetes.protobuf"
        + " (the sandbox decodes protobuf for Secrets, ServiceAccounts, ConfigMaps and Namespaces only; got "
        + contentType + ")", null);
  }

  static MockResponse badRequest(String message) {
    return failure(400, "BadRequest", message, null);
  }

  static MockResponse forbidden(String message) {
    return failure(403, "Forbidden", message, null);
  }

  /** 422 with one cause per error, the message as {@code field.ErrorList} aggregates them. */
  static MockResponse invalid(String kind, String name, List<FieldError> errors) {
    String list = errors.size() == 1 ? errors.get(0).toString()
        : errors.stream().map(FieldError::toString).collect(Collectors.joining(", ", "[", "]"));
    ObjectNode details = details(null, name);
    details.put("kind", kind);
    ArrayNode causes = details.putArray("causes");
    for (FieldError e : errors) {
      causes.addObject().put("reason", e.reason()).put("message", e.body()).put("field", e.field());
    }
    return failure(422, "Invalid", kind + " \"" + name + "\" is invalid: " + list, details);
  }

  static MockResponse failure(int code, String reason, String message, ObjectNode details) {
    ObjectNode s = KubeJson.object();
    s.put("kind", "Status").put("apiVersion", "v1").putObject("metadata");
    s.put("status", "Failure").put("message", message).put("reason", reason);
    if (details != null) {
      s.set("details", details);
    }
    s.put("code", code);
    return KubeJson.response(code, s);
  }

  private static ObjectNode details(String plural, String name) {
    ObjectNode d = KubeJson.object();
    d.put("name", name);
    if (plural != null) {
      d.put("kind", plural);
    }
    return d;
  }

  /** Go's %q of a short value, as field errors print it. */
  static String quote(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
