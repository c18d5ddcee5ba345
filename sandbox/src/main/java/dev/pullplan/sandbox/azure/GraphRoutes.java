package dev.pullplan.sandbox.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullplan.sandbox.azure.DirectoryObject.Kind;
import dev.pullplan.sandbox.azure.DirectoryObject.Password;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;

/** Microsoft Graph v1.0: applications and service principals, their passwords. */
final class GraphRoutes {

  /** Graph's default lifetime of a password added without an end date. */
  private static final Duration DEFAULT_PASSWORD_LIFETIME = Duration.ofDays(730);

  private final AzureWorld world;
  private final SandboxOptions options;

  GraphRoutes(AzureWorld world, SandboxOptions options) {
    this.world = world;
    this.options = options;
  }

  void register(Router router) {
    for (Kind kind : Kind.values()) {
      String collection = "/v1\\.0/" + kind.collection;
      String item = collection + "/(?<id>[^/]+)";
      router.on("GET", collection, (call, m) -> list(call, kind));
      router.on("POST", collection, (call, m) -> create(call, kind));
      router.on("GET", item, (call, m) -> Reply.ok(withContext(call, kind, find(kind, m).render())));
      router.on("PATCH", item, (call, m) -> patch(call, find(kind, m)));
      router.on("DELETE", item, (call, m) -> {
        world.directory().delete(kind, find(kind, m).id());
        return Reply.empty(204);
      });
      // the SDK sends the qualified action names; people and other tools send the bare ones
      router.on("POST", item + "/(microsoft\\.graph\\.)?addPassword", (call, m) -> addPassword(call, find(kind, m)));
      router.on("POST", item + "/(microsoft\\.graph\\.)?removePassword", (call, m) ->
          removePassword(call, find(kind, m)));
    }
  }

  private DirectoryObject find(Kind kind, Matcher m) {
    String id = m.group("id");
    return world.directory().get(kind, id).orElseThrow(() -> ApiException.notFound("Request_ResourceNotFound",
        "Resource '" + id + "' does not exist or one of its queried reference-property objects are not present."));
  }

  private Reply list(HttpCall call, Kind kind) {
    Predicate<JsonNode> filter = call.query("$filter").filter(f -> !f.isBlank()).map(GraphFilter::parse)
        .orElse(n -> true);
    List<ObjectNode> items = world.directory().list(kind).stream().map(DirectoryObject::render)
        .filter(filter).toList();
    int pageSize = call.query("$top").map(GraphRoutes::top).orElse(options.pageSize());
    ObjectNode body = Json.object().put("@odata.context", context(call, kind));
    body.setAll(Pages.page(call, items, pageSize, "@odata.nextLink"));
    return Reply.ok(body);
  }

  private Reply create(HttpCall call, Kind kind) {
    JsonNode body = call.json();
    DirectoryObject created = kind == Kind.APPLICATION
        ? world.directory().createApplication(body, world.now())
        : world.directory().createServicePrincipal(body, world.now());
    return Reply.json(201, withContext(call, kind, created.render()));
  }

  private Reply patch(HttpCall call, DirectoryObject object) {
    JsonNode body = call.json();
    object.merge(body);
    JsonNode credentials = body.path("passwordCredentials");
    if (credentials.isArray()) {
      Set<String> keep = new HashSet<>();
      credentials.forEach(c -> Json.text(c, "keyId").ifPresent(k -> keep.add(k.toLowerCase(Locale.ROOT))));
      object.retainPasswords(keep);
    }
    return Reply.empty(204);
  }

  private Reply addPassword(HttpCall call, DirectoryObject object) {
    JsonNode requested = call.json().path("passwordCredential");
    Instant start = Json.text(requested, "startDateTime").map(GraphRoutes::instant).orElse(world.now());
    Instant end = Json.text(requested, "endDateTime").map(GraphRoutes::instant)
        .orElse(start.plus(DEFAULT_PASSWORD_LIFETIME));
    if (!end.isAfter(start)) {
      throw ApiException.badRequest("Request_BadRequest", "The password's end date must be after its start date.");
    }
    String value = Secret.newValue();
    Password password = new Password(UUID.randomUUID().toString(),
        Json.text(requested, "displayName").orElse(""), value.substring(0, 3), start, end, Secret.of(value));
    object.addPassword(password);
    ObjectNode body = password.render();
    body.put("@odata.context", call.baseUrl() + "/v1.0/$metadata#microsoft.graph.passwordCredential");
    body.put("secretText", value);
    return Reply.ok(body);
  }

  private Reply removePassword(HttpCall call, DirectoryObject object) {
    String keyId = Json.text(call.json(), "keyId").orElseThrow(() -> ApiException.badRequest("Request_BadRequest",
        "Property 'keyId' is required."));
    if (!object.removePassword(keyId)) {
      throw ApiException.badRequest("Request_BadRequest", "No password credential found with keyId '" + keyId + "'.");
    }
    return Reply.empty(204);
  }

  private static ObjectNode withContext(HttpCall call, Kind kind, ObjectNode node) {
    ObjectNode body = Json.object().put("@odata.context", context(call, kind) + "/$entity");
    body.setAll(node);
    return body;
  }

  private static String context(HttpCall call, Kind kind) {
    return call.baseUrl() + "/v1.0/$metadata#" + kind.collection;
  }

  private static int top(String text) {
    try {
      int top = Integer.parseInt(text);
      if (top >= 1 && top <= 999) {
        return top;
      }
    } catch (NumberFormatException e) {
      // answered below, as Graph does for any bad $top
    }
    throw ApiException.badRequest("Request_BadRequest", "Invalid page size specified: '" + text + "'.");
  }

  private static Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("Request_BadRequest", "Invalid date-time '" + text + "'.");
    }
  }
}
