package dev.pullplan.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import dev.pullplan.sandbox.faults.Fault;
import dev.pullplan.sandbox.faults.FaultInjector;
import dev.pullplan.sandbox.faults.FaultTarget;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The sandbox's Kubernetes API server: the rules of a real one in front of the CRUD mock's
 * storage. Injected faults answer first; then discovery; then resource requests, where this class
 * decodes the body (JSON, or protobuf for the kinds kubectl's typed commands send), applies
 * patches itself (JSON patch, RFC 7386 merge patch, strategic merge patch), runs {@link Admission}
 * and hands the resulting object to the mock to store. Lists carry their real kind, field
 * selectors are applied, and every error is a {@code Status}. Unknown paths are 404.
 */
final class KubeApiServer extends Dispatcher {
  private static final String PROTOBUF = "application/vnd.kubernetes.protobuf";
  /** The User-Agent of the sandbox's own client, which no namespace limit applies to. */
  static final String ADMIN_AGENT = "pullplan-sandbox-admin";

  private final KubernetesCrudDispatcher storage = new KubernetesCrudDispatcher(List.of());
  private final List<KubeFault> faults = new CopyOnWriteArrayList<>();
  private final List<LostAnswer> lostAnswers = new CopyOnWriteArrayList<>();
  private final Admission admission = new Admission(this::stored);
  /** Writes are read-modify-write on the mock: one at a time, as etcd's compare-and-swap would. */
  private final Object writes = new Object();
  private volatile Optional<NamespaceScope> scope = Optional.empty();
  private volatile FaultInjector injector = new FaultInjector();

  /** Random faults shared with the rest of the sandbox; off until the injector is told. */
  void useFaults(FaultInjector value) {
    this.injector = value;
  }

  /** Added to every answer to a client other than the sandbox's own, as a network's round trip would. */
  private volatile java.time.Duration latency = java.time.Duration.ZERO;
  /** Requests of clients other than the sandbox's own, by {@code verb resource}: what a benchmark counts. */
  private final java.util.Map<String, java.util.concurrent.atomic.LongAdder> calls =
      new java.util.concurrent.ConcurrentHashMap<>();

  void latency(java.time.Duration value) {
    latency = value;
  }

  java.util.Map<String, Long> calls() {
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    calls.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  void clearCalls() {
    calls.clear();
  }

  void inject(KubeFault fault) {
    faults.add(fault);
  }

  void loseAnswers(LostAnswer lost) {
    lostAnswers.add(lost);
  }

  void clearFaults() {
    faults.clear();
    lostAnswers.clear();
  }

  /**
   * Makes every client but the sandbox's own present a bearer token that {@code holder} knows (it
   * answers who holds it), as an AKS cluster with Entra ID and local accounts disabled does; empty
   * lets every request in, as the mock always did.
   */
  void authenticate(Optional<java.util.function.Function<String, Optional<String>>> holder) {
    this.authenticator = holder;
  }

  private volatile Optional<java.util.function.Function<String, Optional<String>>> authenticator = Optional.empty();

  /**
   * Authentication comes before everything else on a real API server, discovery included; a
   * refused token gets the same bare 401 whatever was wrong with it, so a client learns nothing.
   */
  private Optional<MockResponse> unauthenticated(RecordedRequest request) {
    if (authenticator.isEmpty() || ADMIN_AGENT.equals(request.getHeader("User-Agent"))) {
      return Optional.empty();
    }
    String header = request.getHeader("Authorization");
    boolean bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    if (bearer && authenticator.get().apply(header.substring(7).trim()).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(KubeStatus.failure(401, "Unauthorized", "Unauthorized", null));
  }

  /** Limits the kubeconfig's user to these namespaces (empty: no limit). */
  void limitUser(Optional<NamespaceScope> scope) {
    this.scope = scope;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    // the sandbox's own client (seeding, the ServiceAccount controller, tests' census) is never faulted
    Optional<Fault> random = ADMIN_AGENT.equals(request.getHeader("User-Agent")) ? Optional.empty()
        : injector.decide(FaultTarget.KUBERNETES, request.getMethod().toUpperCase(Locale.ROOT),
            Query.of(request.getPath()).path());
    if (random.isPresent() && random.get() instanceof Fault.Status status) {
      return InjectedFaults.answer(status, request.getMethod() + " " + request.getPath());
    }
    MockResponse served = serve(request);
    if (!ADMIN_AGENT.equals(request.getHeader("User-Agent"))) {
      for (LostAnswer lost : lostAnswers) {
        if (lost.takes(request.getMethod(), request.getPath(), served.code())) {
          KubeFault f = lost.fault();
          return KubeStatus.failure(f.status(), f.reason(), "the sandbox served " + request.getMethod() + " "
              + request.getPath() + " and then lost its answer", null);
        }
      }
    }
    if (random.isPresent() && random.get() instanceof Fault.Slow slow) {
      served.setBodyDelay(slow.delay());
    }
    return served;
  }

  private MockResponse serve(RecordedRequest request) {
    MockResponse response = answer(request);
    Query query = Query.of(request.getPath());
    boolean watch = List.of("true", "1").contains(query.get("watch"));
    if (!ADMIN_AGENT.equals(request.getHeader("User-Agent")) && !watch) {
      String method = request.getMethod().toUpperCase(Locale.ROOT);
      String what = ResourcePath.parse(query.path())
          .map(p -> verb(method, p, query) + " " + p.plural())
          .orElse(method.toLowerCase(Locale.ROOT) + " " + query.path());
      calls.computeIfAbsent(what, k -> new java.util.concurrent.atomic.LongAdder()).increment();
      java.time.Duration d = latency;
      if (!d.isZero()) {
        // a timer on the server's event loop, not a sleep: other requests are answered meanwhile
        response.setBodyDelay(d);
      }
    }
    return response;
  }

  private MockResponse answer(RecordedRequest request) {
    Optional<MockResponse> unauthorized = unauthenticated(request);
    if (unauthorized.isPresent()) {
      return unauthorized.get();
    }
    for (KubeFault fault : faults) {
      if (fault.matches(request.getMethod(), request.getPath())) {
        return KubeStatus.failure(fault.status(), fault.reason(), fault.message(), null);
      }
    }
    String fullPath = request.getPath();
    Query query = Query.of(fullPath);
    String method = request.getMethod().toUpperCase(Locale.ROOT);
    if (method.equals("GET")) {
      Optional<MockResponse> discovery = Discovery.answer(query.path(), request.getHeader("Accept"));
      if (discovery.isPresent()) {
        return discovery.get();
      }
    }
    Optional<ResourcePath> parsed = ResourcePath.parse(query.path());
    Optional<ApiResource> resource = parsed.flatMap(p -> ApiResources.find(p.group(), p.version(), p.plural()));
    if (resource.isEmpty() || !parsed.get().subresource().isEmpty()
        || (!parsed.get().namespace().isEmpty() && !resource.get().namespaced())) {
      return KubeStatus.noSuchResource();
    }
    ResourcePath p = parsed.get();
    ApiResource r = resource.get();
    // kubectl sends no token over plain HTTP: the sandbox's own client is told apart by its agent
    if (scope.isPresent() && !ADMIN_AGENT.equals(request.getHeader("User-Agent"))) {
      Optional<String> refused = scope.get().refusal(verb(method, p, query), r, p);
      if (refused.isPresent()) {
        return KubeStatus.failure(403, "Forbidden", refused.get(), null);
      }
    }
    try {
      return json(switch (method) {
        case "GET" -> get(request, query, p, r);
        case "POST" -> p.isCollection() ? create(request, query, p, r) : KubeStatus.methodNotAllowed();
        case "PUT" -> p.isCollection() ? KubeStatus.methodNotAllowed() : update(request, query, p, r);
        case "PATCH" -> p.isCollection() ? KubeStatus.methodNotAllowed() : patch(request, query, p, r);
        case "DELETE" -> p.isCollection() ? KubeStatus.methodNotAllowed() : delete(query, p, r);
        default -> KubeStatus.methodNotAllowed();
      });
    } catch (ApiRefusal refusal) {
      return refusal.response();
    }
  }

  private static String verb(String method, ResourcePath p, Query query) {
    return switch (method) {
      case "GET" -> List.of("true", "1").contains(query.get("watch")) ? "watch" : p.isCollection() ? "list" : "get";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> p.isCollection() ? "deletecollection" : "delete";
      default -> method.toLowerCase(Locale.ROOT);
    };
  }

  /**
   * The mock's answers carry no Content-Type; kubectl, which asked for protobuf or JSON, then
   * takes the body for protobuf. Everything the sandbox answers is JSON.
   */
  private static MockResponse json(MockResponse response) {
    if (response.getHeaders().header("Content-Type") == null) {
      response.setHeader("Content-Type", "application/json");
    }
    return response;
  }

  private MockResponse get(RecordedRequest request, Query query, ResourcePath p, ApiResource r) {
    if (List.of("true", "1").contains(query.get("watch"))) {
      return storage.dispatch(request);
    }
    boolean table = Tables.wanted(request.getHeader("Accept"));
    String version = String.valueOf(storage.requestResourceVersion());
    if (!p.isCollection()) {
      return stored(p.objectPath(r))
          .map(o -> KubeJson.response(200, table ? Tables.table(r, List.of(o), version, Instant.now()) : o))
          .orElseGet(() -> KubeStatus.notFound(r.plural(), p.name()));
    }
    // the storage would apply some field selectors its own way: the sandbox applies them all
    MockResponse listed = storage.handleGet(query.without("fieldSelector"));
    ObjectNode list = listed.code() == 200
        ? KubeJson.parse(listed.getBody().readUtf8()).filter(JsonNode::isObject).map(n -> (ObjectNode) n)
            .orElseGet(KubeJson::object)
        : KubeJson.object();
    ObjectNode out = KubeJson.object();
    out.put("kind", r.kind() + "List").put("apiVersion", r.groupVersion());
    out.putObject("metadata").put("resourceVersion", version);
    ArrayNode items = out.putArray("items");
    FieldSelector selector = FieldSelector.parse(query.get("fieldSelector"));
    List<JsonNode> selected = new java.util.ArrayList<>();
    for (JsonNode item : list.path("items")) {
      if (selector.matches(item)) {
        items.add(item);
        selected.add(item);
      }
    }
    return KubeJson.response(200, table ? Tables.table(r, selected, version, Instant.now()) : out);
  }

  private MockResponse create(RecordedRequest request, Query query, ResourcePath p, ApiResource r) throws ApiRefusal {
    ObjectNode obj = body(request, r);
    strictFields(query, r, obj);
    synchronized (writes) {
      ObjectNode admitted = admission.create(r, p, obj);
      String name = KubeJson.text(admitted.path("metadata"), "name");
      if (stored(p.collectionPath(r) + "/" + name).isPresent()) {
        return KubeStatus.alreadyExists(r.plural(), name);
      }
      if (query.dryRun()) {
        return KubeJson.response(201, admitted);
      }
      MockResponse created = storage.handleCreate(synthetic(HttpMethod.POST, p.collectionPath(r), admitted));
      return created.code() == 409 ? KubeStatus.alreadyExists(r.plural(), name) : created;
    }
  }

  private MockResponse update(RecordedRequest request, Query query, ResourcePath p, ApiResource r) throws ApiRefusal {
    ObjectNode obj = body(request, r);
    strictFields(query, r, obj);
    synchronized (writes) {
      ObjectNode old = stored(p.objectPath(r)).orElseThrow(() -> new ApiRefusal(KubeStatus.notFound(r.plural(), p.name())));
      return store(query, p, r, old, obj);
    }
  }

  private MockResponse patch(RecordedRequest request, Query query, ResourcePath p, ApiResource r) throws ApiRefusal {
    String type = contentType(request);
    JsonNode patch = KubeJson.parse(request.getBody().readUtf8())
        .orElseThrow(() -> new ApiRefusal(KubeStatus.badRequest("the body of the patch is not JSON")));
    synchronized (writes) {
      ObjectNode old = stored(p.objectPath(r)).orElseThrow(() -> new ApiRefusal(KubeStatus.notFound(r.plural(), p.name())));
      JsonNode patched;
      try {
        patched = switch (type) {
          case "application/json-patch+json" -> JsonPatch.apply(old, patch);
          case "application/merge-patch+json" -> MergePatch.apply(old, patch);
          case "application/strategic-merge-patch+json" -> StrategicMergePatch.apply(r.kind(), old, patch);
          case "application/apply-patch+yaml", "application/apply-patch+cbor" -> throw new PatchFailure(415,
              "the sandbox does not implement server-side apply");
          default -> throw new PatchFailure(415, "the body of the request was in an unknown format - accepted media"
              + " types include: application/json-patch+json, application/merge-patch+json,"
              + " application/strategic-merge-patch+json");
        };
      } catch (PatchFailure f) {
        String reason = switch (f.code()) {
          case 415 -> "UnsupportedMediaType";
          case 422 -> "Invalid";
          default -> "BadRequest";
        };
        throw new ApiRefusal(KubeStatus.failure(f.code(), reason, f.getMessage(), null));
      }
      if (!(patched instanceof ObjectNode obj)) {
        throw new ApiRefusal(KubeStatus.badRequest("the patch does not result in an object"));
      }
      return store(query, p, r, old, obj);
    }
  }

  private MockResponse store(Query query, ResourcePath p, ApiResource r, ObjectNode old, ObjectNode obj)
      throws ApiRefusal {
    ObjectNode admitted = admission.update(r, old, obj);
    if (query.dryRun()) {
      return KubeJson.response(200, admitted);
    }
    MockResponse updated = storage.handleUpdate(synthetic(HttpMethod.PUT, p.objectPath(r), admitted));
    return updated.code() == 409 ? KubeStatus.conflict(r.plural(), p.name()) : updated;
  }

  private MockResponse delete(Query query, ResourcePath p, ApiResource r) throws ApiRefusal {
    synchronized (writes) {
      ObjectNode old = stored(p.objectPath(r)).orElseThrow(() -> new ApiRefusal(KubeStatus.notFound(r.plural(), p.name())));
      if (query.dryRun()) {
        return KubeJson.response(200, old);
      }
      MockResponse deleted = storage.handleDelete(p.objectPath(r));
      if (r.kind().equals("Namespace") && deleted.code() < 300) {
        deleteContents(p.name());
      }
      return deleted.code() == 404 ? KubeStatus.notFound(r.plural(), p.name()) : deleted;
    }
  }

  /**
   * The namespace controller's work, done at once: the objects of a deleted namespace go with it
   * (a real server shows the namespace {@code Terminating} until they are gone).
   */
  private void deleteContents(String namespace) {
    for (ApiResource r : ApiResources.SERVED) {
      if (!r.namespaced()) {
        continue;
      }
      String collection = r.groupVersionPath() + "/namespaces/" + namespace + "/" + r.plural();
      MockResponse listed = storage.handleGet(collection);
      if (listed.code() != 200) {
        continue;
      }
      KubeJson.parse(listed.getBody().readUtf8()).ifPresent(list -> list.path("items").forEach(item ->
          storage.handleDelete(collection + "/" + KubeJson.text(item.path("metadata"), "name"))));
    }
  }

  /** The stored object at an object path, as the storage holds it. */
  private Optional<ObjectNode> stored(String objectPath) {
    MockResponse found = storage.handleGet(objectPath);
    if (found.code() != 200) {
      return Optional.empty();
    }
    return KubeJson.parse(found.getBody().readUtf8()).filter(JsonNode::isObject).map(n -> (ObjectNode) n);
  }

  private static ObjectNode body(RecordedRequest request, ApiResource r) throws ApiRefusal {
    String type = contentType(request);
    if (type.equals(PROTOBUF)) {
      Optional<ObjectNode> decoded;
      try {
        decoded = ProtobufObjects.decode(request.getBody().getBytes());
      } catch (IllegalArgumentException e) {
        throw new ApiRefusal(KubeStatus.badRequest("cannot decode the protobuf body: " + e.getMessage()));
      }
      return decoded.orElseThrow(() -> new ApiRefusal(KubeStatus.unsupportedMediaType(type + " for a " + r.kind())));
    }
    if (!type.isEmpty() && !type.equals("application/json")) {
      throw new ApiRefusal(KubeStatus.unsupportedMediaType(type));
    }
    JsonNode node = KubeJson.parse(request.getBody().readUtf8()).orElse(null);
    if (!(node instanceof ObjectNode obj)) {
      throw new ApiRefusal(KubeStatus.badRequest("the body of the request is not a JSON object"));
    }
    String kind = KubeJson.text(obj, "kind");
    if (!kind.isEmpty() && !kind.equals(r.kind())) {
      throw new ApiRefusal(KubeStatus.badRequest(kind + " in version \"" + KubeJson.text(obj, "apiVersion")
          + "\" cannot be handled as a " + r.kind() + ": the body's kind does not match the request path"));
    }
    return obj;
  }

  /** {@code fieldValidation=Strict}: unknown top-level fields are refused, as the real decoder does. */
  private static void strictFields(Query query, ApiResource r, ObjectNode obj) throws ApiRefusal {
    if (!query.get("fieldValidation").equals("Strict")) {
      return;
    }
    Optional<String> unknown = KnownFields.unknownTopLevel(r.kind(), obj);
    if (unknown.isPresent()) {
      throw new ApiRefusal(KubeStatus.badRequest(r.kind() + " in version \"" + r.version() + "\" cannot be handled as a "
          + r.kind() + ": strict decoding error: unknown field \"" + unknown.get() + "\""));
    }
  }

  private static String contentType(RecordedRequest request) {
    String type = request.getHeader("Content-Type");
    if (type == null) {
      return "";
    }
    int semicolon = type.indexOf(';');
    return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  private static RecordedRequest synthetic(HttpMethod method, String path, ObjectNode body) {
    return new RecordedRequest("HTTP/1.1", method, path,
        Headers.builder().add("Content-Type", "application/json").build(),
        new Buffer(KubeJson.write(body).getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public void shutdown() {
    storage.shutdown();
  }
}
