package dev.pullplan.sandbox.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pullplan.sandbox.azure.DirectoryObject.Kind;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The Entra directory: applications and service principals by object id. */
final class Directory {

  private final Map<Kind, Map<String, DirectoryObject>> objects = new EnumMap<>(Kind.class);

  Directory() {
    for (Kind kind : Kind.values()) {
      objects.put(kind, new LinkedHashMap<>());
    }
  }

  DirectoryObject createApplication(JsonNode body, Instant now) {
    if (Json.text(body, "displayName").isEmpty()) {
      throw ApiException.badRequest("Request_BadRequest", "Property 'displayName' is required.");
    }
    return add(Kind.APPLICATION, UUID.randomUUID().toString(), UUID.randomUUID().toString(), body, now);
  }

  DirectoryObject createServicePrincipal(JsonNode body, Instant now) {
    String appId = Json.text(body, "appId")
        .orElseThrow(() -> ApiException.badRequest("Request_BadRequest", "Property 'appId' is required."));
    DirectoryObject app = byAppId(Kind.APPLICATION, appId).orElseThrow(() -> ApiException.badRequest(
        "Request_BadRequest",
        "The appId '" + appId + "' of the service principal does not reference a valid application object."));
    if (byAppId(Kind.SERVICE_PRINCIPAL, appId).isPresent()) {
      throw new ApiException(409, "Request_MultipleObjectsWithSameKeyValue",
          "Another object with the same value for property servicePrincipalNames already exists.");
    }
    DirectoryObject sp = add(Kind.SERVICE_PRINCIPAL, UUID.randomUUID().toString(), appId, body, now);
    sp.merge(Json.object().put("appDisplayName", app.displayName()).put("servicePrincipalType", "Application"));
    if (Json.text(body, "displayName").isEmpty()) {
      sp.merge(Json.object().put("displayName", app.displayName()));
    }
    if (Json.text(body, "accountEnabled").isEmpty()) {
      sp.merge(Json.object().put("accountEnabled", true));
    }
    return sp;
  }

  /** For the seed: an object with known ids. */
  DirectoryObject add(Kind kind, String id, String appId, JsonNode fields, Instant created) {
    DirectoryObject object = new DirectoryObject(kind, id, appId, created, fields);
    objects.get(kind).put(id.toLowerCase(Locale.ROOT), object);
    return object;
  }

  Optional<DirectoryObject> get(Kind kind, String id) {
    return Optional.ofNullable(objects.get(kind).get(id.toLowerCase(Locale.ROOT)));
  }

  List<DirectoryObject> list(Kind kind) {
    return List.copyOf(objects.get(kind).values());
  }

  Optional<DirectoryObject> byAppId(Kind kind, String appId) {
    return objects.get(kind).values().stream().filter(o -> o.appId().equalsIgnoreCase(appId)).findFirst();
  }

  /** Deleting an application deletes its service principal too, as Entra does. */
  boolean delete(Kind kind, String id) {
    DirectoryObject removed = objects.get(kind).remove(id.toLowerCase(Locale.ROOT));
    if (removed == null) {
      return false;
    }
    if (kind == Kind.APPLICATION) {
      objects.get(Kind.SERVICE_PRINCIPAL).values().removeIf(sp -> sp.appId().equalsIgnoreCase(removed.appId()));
    }
    return true;
  }
}
