package dev.pullplan.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the API server does to an object between decoding and storage that the CRUD mock skips:
 * defaulting ({@code type: Opaque}, {@code stringData} folded into {@code data}, a namespace's
 * phase), the ServiceAccount admission plugin for pods, and the validation of
 * {@code pkg/apis/core/validation} that pullplan depends on.
 */
final class Admission {
  static final int MAX_SECRET_SIZE = 1024 * 1024;
  static final int MAX_ANNOTATIONS_SIZE = 256 * 1024;

  /** Reads a stored object by its path, as the server's storage would. */
  private final Function<String, Optional<ObjectNode>> storage;

  Admission(Function<String, Optional<ObjectNode>> storage) {
    this.storage = storage;
  }

  /** The object to store for a create, or the refusal a real server answers. */
  ObjectNode create(ApiResource r, ResourcePath p, ObjectNode obj) throws ApiRefusal {
    ObjectNode meta = meta(obj);
    if (r.namespaced()) {
      String bodyNamespace = KubeJson.text(meta, "namespace");
      if (!bodyNamespace.isEmpty() && !bodyNamespace.equals(p.namespace())) {
        throw new ApiRefusal(KubeStatus.badRequest(
            "the namespace of the provided object does not match the namespace sent on the request"));
      }
      meta.put("namespace", p.namespace());
      if (storage.apply("/api/v1/namespaces/" + p.namespace()).isEmpty()) {
        throw new ApiRefusal(KubeStatus.notFound("namespaces", p.namespace()));
      }
    }
    if (KubeJson.text(meta, "name").isEmpty() && !KubeJson.text(meta, "generateName").isEmpty()) {
      meta.put("name", KubeJson.text(meta, "generateName") + Long.toString(System.nanoTime() % 60466176L, 36));
    }
    obj.put("kind", r.kind()).put("apiVersion", r.groupVersion());
    defaults(r, obj);
    if (r.kind().equals("Pod")) {
      serviceAccountAdmission(p.namespace(), obj);
    }
    List<FieldError> errors = new ArrayList<>(validateMeta(r, meta));
    errors.addAll(validateKind(r, obj));
    refuseIfAny(r, obj, errors);
    return obj;
  }

  /** The object to store for an update (PUT, or a patch's result) of {@code old}. */
  ObjectNode update(ApiResource r, ObjectNode old, ObjectNode obj) throws ApiRefusal {
    ObjectNode meta = meta(obj);
    ObjectNode oldMeta = meta(old);
    List<FieldError> errors = new ArrayList<>();
    for (String immutable : List.of("name", "namespace", "uid")) {
      String now = KubeJson.text(meta, immutable);
      if (immutable.equals("uid") && now.isEmpty()) {
        continue;
      }
      if (!now.equals(KubeJson.text(oldMeta, immutable))) {
        errors.add(FieldError.invalid("metadata." + immutable, now, "field is immutable"));
      }
    }
    obj.put("kind", r.kind()).put("apiVersion", r.groupVersion());
    defaults(r, obj);
    if (r.kind().equals("Secret") || r.kind().equals("ConfigMap")) {
      if (r.kind().equals("Secret") && !KubeJson.text(obj, "type").equals(KubeJson.text(old, "type"))) {
        errors.add(FieldError.invalid("type", KubeJson.text(obj, "type"), "field is immutable"));
      }
      if (old.path("immutable").asBoolean(false)) {
        if (!obj.path("immutable").asBoolean(false)) {
          errors.add(FieldError.forbidden("immutable", "field is immutable when `immutable` is set"));
        }
        for (String data : List.of("data", "binaryData")) {
          if (!obj.path(data).equals(old.path(data))) {
            errors.add(FieldError.forbidden(data, "field is immutable when `immutable` is set"));
          }
        }
      }
    }
    errors.addAll(validateMeta(r, meta));
    errors.addAll(validateKind(r, obj));
    refuseIfAny(r, obj, errors);
    return obj;
  }

  private static void refuseIfAny(ApiResource r, ObjectNode obj, List<FieldError> errors) throws ApiRefusal {
    if (!errors.isEmpty()) {
      throw new ApiRefusal(KubeStatus.invalid(r.kind(), KubeJson.text(obj.path("metadata"), "name"), errors));
    }
  }

  private static ObjectNode meta(ObjectNode obj) {
    return obj.get("metadata") instanceof ObjectNode m ? m : obj.putObject("metadata");
  }

  private static void defaults(ApiResource r, ObjectNode obj) {
    switch (r.kind()) {
      case "Secret" -> {
        if (KubeJson.text(obj, "type").isEmpty()) {
          obj.put("type", "Opaque");
        }
        // stringData is write-only: merged into data, never stored or returned
        if (obj.remove("stringData") instanceof ObjectNode stringData) {
          ObjectNode data = obj.get("data") instanceof ObjectNode d ? d : obj.putObject("data");
          stringData.fields().forEachRemaining(e -> data.put(e.getKey(),
              Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8))));
        }
      }
      case "Namespace" -> {
        // the API server labels every namespace with its name (NamespaceDefaultLabelName, GA in 1.22)
        ObjectNode meta = meta(obj);
        ObjectNode labels = meta.get("labels") instanceof ObjectNode l ? l : meta.putObject("labels");
        labels.put("kubernetes.io/metadata.name", KubeJson.text(meta, "name"));
        ObjectNode spec = obj.get("spec") instanceof ObjectNode s ? s : obj.putObject("spec");
        if (!spec.has("finalizers")) {
          spec.putArray("finalizers").add("kubernetes");
        }
        ObjectNode status = obj.get("status") instanceof ObjectNode s ? s : obj.putObject("status");
        status.put("phase", "Active");
      }
      case "Pod" -> {
        ObjectNode status = obj.get("status") instanceof ObjectNode s ? s : obj.putObject("status");
        if (!status.has("phase")) {
          status.put("phase", "Pending");
        }
      }
      default -> { }
    }
  }

  /**
   * The ServiceAccount admission plugin: the pod runs as {@code default} unless it names an
   * account, the account must exist, and a pod without {@code imagePullSecrets} gets the
   * account's.
   */
  private void serviceAccountAdmission(String namespace, ObjectNode pod) throws ApiRefusal {
    ObjectNode spec = pod.get("spec") instanceof ObjectNode s ? s : pod.putObject("spec");
    String account = KubeJson.text(spec, "serviceAccountName");
    if (account.isEmpty()) {
      account = KubeJson.text(spec, "serviceAccount").isEmpty() ? "default" : KubeJson.text(spec, "serviceAccount");
      spec.put("serviceAccountName", account);
    }
    String name = KubeJson.text(pod.path("metadata"), "name");
    Optional<ObjectNode> sa = storage.apply("/api/v1/namespaces/" + namespace + "/serviceaccounts/" + account);
    if (sa.isEmpty()) {
      throw new ApiRefusal(KubeStatus.forbidden("pods \"" + name + "\" is forbidden: error looking up service account "
          + namespace + "/" + account + ": serviceaccount \"" + account + "\" not found"));
    }
    JsonNode own = spec.get("imagePullSecrets");
    if ((own == null || own.isEmpty()) && sa.get().get("imagePullSecrets") instanceof ArrayNode inherited
        && !inherited.isEmpty()) {
      spec.set("imagePullSecrets", inherited.deepCopy());
    }
  }

  private static List<FieldError> validateMeta(ApiResource r, ObjectNode meta) {
    List<FieldError> errors = new ArrayList<>();
    String name = KubeJson.text(meta, "name");
    if (name.isEmpty()) {
      errors.add(new FieldError("metadata.name", "FieldValueRequired", "Required value: name or generateName is required"));
    } else {
      List<String> msgs = switch (r.kind()) {
        case "Namespace" -> Names.dns1123Label(name);
        case "Service" -> Names.dns1035Label(name);
        case "Role", "RoleBinding" -> Names.pathSegment(name);
        default -> Names.dns1123Subdomain(name);
      };
      msgs.forEach(m -> errors.add(FieldError.invalid("metadata.name", name, m)));
    }
    for (Map.Entry<String, String> e : strings(meta.get("labels"))) {
      Names.qualifiedName(e.getKey()).forEach(m -> errors.add(FieldError.invalid("metadata.labels", e.getKey(), m)));
      Names.labelValue(e.getValue()).forEach(m -> errors.add(FieldError.invalid("metadata.labels", e.getValue(), m)));
    }
    long annotationBytes = 0;
    for (Map.Entry<String, String> e : strings(meta.get("annotations"))) {
      Names.qualifiedName(e.getKey().toLowerCase(java.util.Locale.ROOT))
          .forEach(m -> errors.add(FieldError.invalid("metadata.annotations", e.getKey(), m)));
      annotationBytes += e.getKey().length() + e.getValue().length();
    }
    if (annotationBytes > MAX_ANNOTATIONS_SIZE) {
      errors.add(FieldError.tooLong("metadata.annotations", MAX_ANNOTATIONS_SIZE));
    }
    return errors;
  }

  private static List<FieldError> validateKind(ApiResource r, ObjectNode obj) {
    return switch (r.kind()) {
      case "Secret" -> validateSecret(obj);
      case "ConfigMap" -> dataKeys(obj, "data");
      default -> List.of();
    };
  }

  /** ValidateSecret: data keys, total size, and what each well-known type must carry. */
  private static List<FieldError> validateSecret(ObjectNode secret) {
    List<FieldError> errors = new ArrayList<>(dataKeys(secret, "data"));
    Map<String, byte[]> data = new java.util.LinkedHashMap<>();
    long size = 0;
    for (Map.Entry<String, String> e : strings(secret.get("data"))) {
      byte[] value;
      try {
        value = Base64.getDecoder().decode(e.getValue());
      } catch (IllegalArgumentException bad) {
        errors.add(FieldError.invalid("data[" + e.getKey() + "]", "<secret contents redacted>",
            "illegal base64 data"));
        continue;
      }
      data.put(e.getKey(), value);
      size += value.length;
    }
    if (size > MAX_SECRET_SIZE) {
      errors.add(FieldError.tooLong("data", MAX_SECRET_SIZE));
    }
    switch (KubeJson.text(secret, "type")) {
      case "kubernetes.io/dockerconfigjson" -> jsonObjectKey(data, ".dockerconfigjson", errors);
      case "kubernetes.io/dockercfg" -> jsonObjectKey(data, ".dockercfg", errors);
      case "kubernetes.io/service-account-token" -> {
        if (KubeJson.text(secret.path("metadata").path("annotations"), "kubernetes.io/service-account.name").isEmpty()) {
          errors.add(FieldError.required("metadata.annotations[kubernetes.io/service-account.name]"));
        }
      }
      case "kubernetes.io/basic-auth" -> {
        if (!data.containsKey("username") && !data.containsKey("password")) {
          errors.add(FieldError.required("data[username]"));
          errors.add(FieldError.required("data[password]"));
        }
      }
      case "kubernetes.io/ssh-auth" -> {
        if (data.getOrDefault("ssh-privatekey", new byte[0]).length == 0) {
          errors.add(FieldError.required("data[ssh-privatekey]"));
        }
      }
      case "kubernetes.io/tls" -> {
        for (String key : List.of("tls.crt", "tls.key")) {
          if (!data.containsKey(key)) {
            errors.add(FieldError.required("data[" + key + "]"));
          }
        }
      }
      default -> { }
    }
    return errors;
  }

  /** The key must be present and hold a JSON object (Go's json.Unmarshal into a map). */
  private static void jsonObjectKey(Map<String, byte[]> data, String key, List<FieldError> errors) {
    byte[] value = data.get(key);
    if (value == null) {
      errors.add(FieldError.required("data[" + key + "]"));
      return;
    }
    String problem = value.length == 0 ? "unexpected end of JSON input"
        : KubeJson.parse(new String(value, StandardCharsets.UTF_8))
            .map(n -> n.isObject() || n.isNull() ? "" : n.isMissingNode() ? "unexpected end of JSON input"
                : "json: cannot unmarshal " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                    + " into Go value of type map[string]interface {}")
            .orElse("invalid character in JSON input");
    if (!problem.isEmpty()) {
      // the value is never echoed: it holds credentials
      errors.add(FieldError.invalid("data[" + key + "]", "<secret contents redacted>", problem));
    }
  }

  private static List<FieldError> dataKeys(ObjectNode obj, String field) {
    List<FieldError> errors = new ArrayList<>();
    for (Map.Entry<String, String> e : strings(obj.get(field))) {
      Names.configMapKey(e.getKey()).forEach(m -> errors.add(FieldError.invalid(field + "[" + e.getKey() + "]",
          e.getKey(), m)));
    }
    return errors;
  }

  private static List<Map.Entry<String, String>> strings(JsonNode map) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    if (map != null && map.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.add(Map.entry(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
      }
    }
    return out;
  }
}
