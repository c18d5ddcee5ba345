package dev.pullplan.sandbox.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An application or service principal: the fields the client set, kept as JSON so PATCH and
 * {@code $filter} work on any of them, plus the fields the directory owns.
 */
final class DirectoryObject {

  enum Kind {
    APPLICATION("applications", "#microsoft.graph.application"),
    SERVICE_PRINCIPAL("servicePrincipals", "#microsoft.graph.servicePrincipal");

    final String collection;
    final String odataType;

    Kind(String collection, String odataType) {
      this.collection = collection;
      this.odataType = odataType;
    }
  }

  /** Fields a client cannot set: the directory assigns them or changes them through actions. */
  private static final Set<String> OWNED = Set.of("id", "appId", "createdDateTime", "passwordCredentials",
      "servicePrincipalNames", "deletedDateTime");

  private final Kind kind;
  private final String id;
  private final String appId;
  private final Instant created;
  private final ObjectNode fields = Json.object();
  private final List<Password> passwords = new ArrayList<>();

  DirectoryObject(Kind kind, String id, String appId, Instant created, JsonNode clientFields) {
    this.kind = kind;
    this.id = id;
    this.appId = appId;
    this.created = created;
    merge(clientFields);
  }

  /** One password credential; the value itself is only a digest. */
  record Password(String keyId, String displayName, String hint, Instant start, Instant end, Secret secret) {
    PasswordView view() {
      return new PasswordView(keyId, displayName, hint, start, end);
    }

    boolean isLive(Instant now) {
      return view().isLive(now);
    }

    ObjectNode render() {
      ObjectNode node = Json.object();
      node.putNull("customKeyIdentifier");
      node.put("displayName", displayName);
      node.put("endDateTime", end.toString());
      node.put("hint", hint);
      node.put("keyId", keyId);
      node.putNull("secretText");
      node.put("startDateTime", start.toString());
      return node;
    }
  }

  String id() {
    return id;
  }

  String appId() {
    return appId;
  }

  Instant created() {
    return created;
  }

  String displayName() {
    return Json.text(fields, "displayName").orElse("");
  }

  List<Password> passwords() {
    return List.copyOf(passwords);
  }

  void merge(JsonNode clientFields) {
    for (Map.Entry<String, JsonNode> field : clientFields.properties()) {
      if (!OWNED.contains(field.getKey()) && !field.getKey().startsWith("@odata")) {
        fields.set(field.getKey(), field.getValue());
      }
    }
  }

  void addPassword(Password password) {
    passwords.add(password);
  }

  boolean removePassword(String keyId) {
    return passwords.removeIf(p -> p.keyId().equalsIgnoreCase(keyId));
  }

  /** PATCH of {@code passwordCredentials} keeps the listed key ids: it can remove passwords, never add them. */
  void retainPasswords(Set<String> keyIds) {
    passwords.removeIf(p -> !keyIds.contains(p.keyId().toLowerCase(java.util.Locale.ROOT)));
  }

  ObjectNode render() {
    ObjectNode node = Json.object();
    node.put("@odata.type", kind.odataType);
    node.put("id", id);
    node.put("appId", appId);
    node.put("createdDateTime", created.toString());
    node.setAll(fields);
    ArrayNode creds = node.putArray("passwordCredentials");
    passwords.forEach(p -> creds.add(p.render()));
    if (kind == Kind.SERVICE_PRINCIPAL) {
      node.putArray("servicePrincipalNames").add(appId);
    }
    return node;
  }

  GraphObjectView view() {
    return new GraphObjectView(id, appId, displayName(), created, passwords.stream().map(Password::view).toList());
  }
}
