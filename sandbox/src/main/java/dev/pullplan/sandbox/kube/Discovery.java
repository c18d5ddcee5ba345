package dev.pullplan.sandbox.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery documents a 1.32 API server serves, for the resources of {@link ApiResources}:
 * {@code /version}, {@code /api}, {@code /apis}, each group version's {@code APIResourceList}, and
 * the OpenAPI v3 index and group-version documents. kubectl needs all of them before any command.
 *
 * <p>The OpenAPI v3 documents list each resource's operations with their
 * {@code x-kubernetes-group-version-kind} and the {@code fieldValidation} query parameter, which is
 * what tells kubectl that the server validates fields itself (so it skips client-side validation
 * and its OpenAPI v2 download); they carry no schemas. Legacy discovery is served in JSON only:
 * kubectl asks for aggregated discovery first and falls back to it, as with a server before 1.26.
 */
final class Discovery {
  static final String VERSION = "v1.32.0+pullplan-sandbox";

  private Discovery() {}

  /** The answer for a discovery path, or empty when the path is not one. */
  static Optional<MockResponse> answer(String path, String accept) {
    Map<String, List<ApiResource>> gvs = ApiResources.byGroupVersion();
    if (path.equals("/version")) {
      return Optional.of(KubeJson.response(200, version()));
    }
    if (path.equals("/api")) {
      return Optional.of(KubeJson.response(200, apiVersions()));
    }
    if (path.equals("/apis")) {
      return Optional.of(KubeJson.response(200, groupList()));
    }
    if (path.equals("/openapi/v2")) {
      return Optional.of(openApiV2(accept));
    }
    if (path.equals("/openapi/v3")) {
      return Optional.of(KubeJson.response(200, openApiIndex(gvs)));
    }
    for (Map.Entry<String, List<ApiResource>> gv : gvs.entrySet()) {
      ApiResource first = gv.getValue().get(0);
      if (path.equals(first.groupVersionPath())) {
        return Optional.of(KubeJson.response(200, resourceList(gv.getKey(), gv.getValue())));
      }
      if (path.equals("/openapi/v3" + first.groupVersionPath())) {
        return Optional.of(KubeJson.response(200, openApiDocument(gv.getValue())));
      }
      if (!first.group().isEmpty() && path.equals("/apis/" + first.group())) {
        return Optional.of(KubeJson.response(200, group(first.group(), "APIGroup")));
      }
    }
    return Optional.empty();
  }

  /**
   * The OpenAPI v2 document kubectl before 1.27 downloads (in protobuf) to validate on the client
   * side: a valid document without definitions, so such a kubectl validates nothing itself and
   * the server's checks are the only ones. Fields of gnostic's {@code openapi_v2.Document}:
   * swagger = 1, info = 2 (title = 1, version = 2). Served as {@code application/octet-stream}, as
   * kube-openapi does: Go's mime parser refuses the {@code @} of the type kubectl asks for.
   */
  private static MockResponse openApiV2(String accept) {
    if (accept != null && accept.contains("protobuf")) {
      byte[] info = concat(field(1, "Kubernetes"), field(2, VERSION));
      byte[] doc = concat(field(1, "2.0"), field(2, info));
      return new MockResponse().setResponseCode(200)
          .setHeader("Content-Type", "application/octet-stream").setBody(doc);
    }
    ObjectNode doc = KubeJson.object();
    doc.put("swagger", "2.0");
    doc.putObject("info").put("title", "Kubernetes").put("version", VERSION);
    doc.putObject("paths");
    return KubeJson.response(200, doc);
  }

  private static byte[] field(int number, String text) {
    return field(number, text.getBytes(StandardCharsets.UTF_8));
  }

  /** A length-delimited protobuf field (lengths here stay below 128: one byte). */
  private static byte[] field(int number, byte[] value) {
    byte[] out = new byte[value.length + 2];
    out[0] = (byte) (number << 3 | 2);
    out[1] = (byte) value.length;
    System.arraycopy(value, 0, out, 2, value.length);
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static ObjectNode version() {
    ObjectNode v = KubeJson.object();
    v.put("major", "1").put("minor", "32").put("gitVersion", VERSION).put("gitCommit", "")
        .put("gitTreeState", "clean").put("buildDate", "2026-01-01T00:00:00Z").put("goVersion", "")
        .put("compiler", "gc").put("platform", "linux/amd64");
    return v;
  }

  private static ObjectNode apiVersions() {
    ObjectNode v = KubeJson.object();
    v.put("kind", "APIVersions");
    v.putArray("versions").add("v1");
    v.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
        .put("serverAddress", "127.0.0.1");
    return v;
  }

  private static ObjectNode groupList() {
    ObjectNode list = KubeJson.object();
    list.put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = list.putArray("groups");
    ApiResources.groups().forEach(g -> groups.add(group(g, null)));
    return list;
  }

  private static ObjectNode group(String name, String kind) {
    ObjectNode g = KubeJson.object();
    if (kind != null) {
      g.put("kind", kind).put("apiVersion", "v1");
    }
    g.put("name", name);
    ObjectNode version = KubeJson.object().put("groupVersion", name + "/v1").put("version", "v1");
    g.putArray("versions").add(version);
    g.set("preferredVersion", version.deepCopy());
    return g;
  }

  private static ObjectNode resourceList(String groupVersion, List<ApiResource> resources) {
    ObjectNode list = KubeJson.object();
    list.put("kind", "APIResourceList").put("apiVersion", "v1").put("groupVersion", groupVersion);
    ArrayNode items = list.putArray("resources");
    for (ApiResource r : resources) {
      ObjectNode o = items.addObject();
      o.put("name", r.plural()).put("singularName", r.singular()).put("namespaced", r.namespaced())
          .put("kind", r.kind());
      r.verbs().forEach(o.putArray("verbs")::add);
      if (!r.shortNames().isEmpty()) {
        r.shortNames().forEach(o.putArray("shortNames")::add);
      }
      if (!r.categories().isEmpty()) {
        r.categories().forEach(o.putArray("categories")::add);
      }
      o.put("storageVersionHash", hash(r.groupVersion() + "/" + r.kind()).substring(0, 11));
    }
    return list;
  }

  private static ObjectNode openApiIndex(Map<String, List<ApiResource>> gvs) {
    ObjectNode index = KubeJson.object();
    ObjectNode paths = index.putObject("paths");
    gvs.values().forEach(rs -> {
      String gvPath = rs.get(0).groupVersionPath();
      paths.putObject(gvPath.substring(1)).put("serverRelativeURL",
          "/openapi/v3" + gvPath + "?hash=" + hash(gvPath).toUpperCase(java.util.Locale.ROOT));
    });
    return index;
  }

  private static ObjectNode openApiDocument(List<ApiResource> resources) {
    ObjectNode doc = KubeJson.object();
    doc.put("openapi", "3.0.0");
    doc.putObject("info").put("title", "Kubernetes").put("version", VERSION);
    ObjectNode paths = doc.putObject("paths");
    for (ApiResource r : resources) {
      String base = r.groupVersionPath() + (r.namespaced() ? "/namespaces/{namespace}/" : "/") + r.plural();
      ObjectNode collection = paths.putObject(base);
      collection.set("get", operation(r, "list", false));
      collection.set("post", operation(r, "post", true));
      ObjectNode item = paths.putObject(base + "/{name}");
      item.set("get", operation(r, "get", false));
      item.set("put", operation(r, "put", true));
      item.set("patch", operation(r, "patch", true));
      item.set("delete", operation(r, "delete", false));
    }
    doc.putObject("components").putObject("schemas");
    return doc;
  }

  private static ObjectNode operation(ApiResource r, String action, boolean writes) {
    ObjectNode op = KubeJson.object();
    op.put("operationId", action + r.kind());
    op.put("x-kubernetes-action", action);
    op.putObject("x-kubernetes-group-version-kind").put("group", r.group()).put("version", r.version())
        .put("kind", r.kind());
    ArrayNode params = op.putArray("parameters");
    if (writes) {
      params.addObject().put("name", "fieldValidation").put("in", "query")
          .put("description", "Strict, Warn or Ignore: how the server treats unknown or duplicate fields")
          .putObject("schema").put("type", "string");
      params.addObject().put("name", "fieldManager").put("in", "query").putObject("schema").put("type", "string");
      params.addObject().put("name", "dryRun").put("in", "query").putObject("schema").put("type", "string");
      ObjectNode content = op.putObject("requestBody").putObject("content");
      List<String> types = action.equals("patch")
          ? List.of("application/json-patch+json", "application/merge-patch+json",
              "application/strategic-merge-patch+json")
          : List.of("application/json", "application/vnd.kubernetes.protobuf");
      types.forEach(t -> content.putObject(t).putObject("schema").put("type", "object"));
    }
    op.putObject("responses").putObject("200").put("description", "OK");
    return op;
  }

  private static String hash(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
