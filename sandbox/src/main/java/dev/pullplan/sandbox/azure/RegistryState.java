package dev.pullplan.sandbox.azure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One container registry with its scope maps and tokens. */
final class RegistryState {

  static final String TYPE = "Microsoft.ContainerRegistry/registries";

  /** {@code properties.roleAssignmentMode}: which roles the registry's token server honours. */
  enum RoleAssignmentMode {
    LEGACY("LegacyRegistryPermissions"),
    ABAC("AbacRepositoryPermissions");

    final String wire;

    RoleAssignmentMode(String wire) {
      this.wire = wire;
    }

    static Optional<RoleAssignmentMode> parse(String text) {
      return java.util.Arrays.stream(values()).filter(m -> m.wire.equalsIgnoreCase(text)).findFirst();
    }
  }

  private final AzureSeed.Registry seed;
  private final String id;
  private final Instant created;
  private final Map<String, ScopeMap> scopeMaps = new LinkedHashMap<>();
  private final Map<String, Token> tokens = new LinkedHashMap<>();
  // listCredentials must answer the same admin passwords every time, so these are kept as values
  private final List<String> adminPasswords = List.of(Secret.newValue(), Secret.newValue());
  // where a real registry serves this one's content (the sandbox's docker-registry), if anywhere
  private Optional<String> servedAt = Optional.empty();
  private RoleAssignmentMode roleAssignmentMode = RoleAssignmentMode.LEGACY;

  RegistryState(String subscriptionId, AzureSeed.Registry seed, Instant created) {
    this.seed = seed;
    this.id = "/subscriptions/" + subscriptionId + "/resourceGroups/" + seed.resourceGroup()
        + "/providers/" + TYPE + "/" + seed.name();
    this.created = created;
    for (BuiltInScopeMap builtIn : BuiltInScopeMap.values()) {
      putScopeMap(new ScopeMap(builtIn.mapName, "SystemDefined", builtIn.description, builtIn.actions, created));
    }
  }

  AzureSeed.Registry seed() {
    return seed;
  }

  String name() {
    return seed.name();
  }

  String id() {
    return id;
  }

  Instant created() {
    return created;
  }

  /** The seed's {@code <name>.azurecr.io}, or the address of the real registry that serves it. */
  String loginServer() {
    return servedAt.orElse(seed.loginServer());
  }

  void serveAt(String address) {
    servedAt = Optional.of(address);
  }

  RoleAssignmentMode roleAssignmentMode() {
    return roleAssignmentMode;
  }

  void roleAssignmentMode(RoleAssignmentMode mode) {
    roleAssignmentMode = mode;
  }

  List<String> adminPasswords() {
    return adminPasswords;
  }

  boolean acceptsAdmin(String username, String password) {
    return seed.adminUserEnabled() && username.equalsIgnoreCase(seed.name()) && adminPasswords.contains(password);
  }

  Optional<ScopeMap> scopeMap(String name) {
    return Optional.ofNullable(scopeMaps.get(name.toLowerCase(Locale.ROOT)));
  }

  Optional<ScopeMap> scopeMapById(String scopeMapId) {
    return scopeMaps.values().stream().filter(s -> s.id().equalsIgnoreCase(scopeMapId)).findFirst();
  }

  List<ScopeMap> scopeMaps() {
    return List.copyOf(scopeMaps.values());
  }

  void putScopeMap(ScopeMap scopeMap) {
    scopeMaps.put(scopeMap.name.toLowerCase(Locale.ROOT), scopeMap);
  }

  boolean removeScopeMap(String name) {
    return scopeMaps.remove(name.toLowerCase(Locale.ROOT)) != null;
  }

  Optional<Token> token(String name) {
    return Optional.ofNullable(tokens.get(name.toLowerCase(Locale.ROOT)));
  }

  List<Token> tokens() {
    return List.copyOf(tokens.values());
  }

  void putToken(Token token) {
    tokens.put(token.name.toLowerCase(Locale.ROOT), token);
  }

  boolean removeToken(String name) {
    return tokens.remove(name.toLowerCase(Locale.ROOT)) != null;
  }

  /** The repository permissions ACR gives every registry. */
  private enum BuiltInScopeMap {
    PULL("_repositories_pull", "Can pull any repository of the registry", List.of("repositories/*/content/read")),
    PULL_METADATA_READ("_repositories_pull_metadata_read",
        "Can perform all read operations on the registry",
        List.of("repositories/*/content/read", "repositories/*/metadata/read")),
    PUSH("_repositories_push", "Can push to any repository of the registry",
        List.of("repositories/*/content/read", "repositories/*/content/write")),
    ADMIN("_repositories_admin", "Can perform all read, write and delete operations on the registry",
        List.of("repositories/*/metadata/read", "repositories/*/metadata/write", "repositories/*/content/read",
            "repositories/*/content/write", "repositories/*/content/delete"));

    private final String mapName;
    private final String description;
    private final List<String> actions;

    BuiltInScopeMap(String mapName, String description, List<String> actions) {
      this.mapName = mapName;
      this.description = description;
      this.actions = actions;
    }
  }

  /** A scope map: repository actions a token may perform. */
  final class ScopeMap {
    private final String name;
    private final String type;
    private final Instant created;
    private String description;
    private List<String> actions;

    ScopeMap(String name, String type, String description, List<String> actions, Instant created) {
      this.name = name;
      this.type = type;
      this.description = description;
      this.actions = List.copyOf(actions);
      this.created = created;
    }

    String name() {
      return name;
    }

    String id() {
      return RegistryState.this.id + "/scopeMaps/" + name;
    }

    String type() {
      return type;
    }

    boolean systemDefined() {
      return type.equals("SystemDefined");
    }

    Instant created() {
      return created;
    }

    String description() {
      return description;
    }

    List<String> actions() {
      return actions;
    }

    void update(Optional<String> newDescription, Optional<List<String>> newActions) {
      newDescription.ifPresent(d -> description = d);
      newActions.ifPresent(a -> actions = List.copyOf(a));
    }

    boolean allowsPull() {
      return actions.stream().anyMatch(a -> a.endsWith("/content/read"));
    }

    /**
     * Whether an action {@code repositories/<name>/content/read} covers {@code repository}: the
     * name itself, or {@code *} for every repository (the only wildcard scope maps accept; the
     * prefix wildcards of ABAC role conditions are not scope-map syntax).
     */
    boolean allowsPull(String repository) {
      return actions.stream().filter(a -> a.startsWith("repositories/") && a.endsWith("/content/read"))
          .map(a -> a.substring("repositories/".length(), a.length() - "/content/read".length()))
          .anyMatch(name -> name.equals("*") || name.equalsIgnoreCase(repository));
    }

    ScopeMapView view() {
      return new ScopeMapView(RegistryState.this.name(), name, id(), type, actions);
    }
  }

  /** A token: a registry-local user bound to a scope map, with up to two passwords. */
  final class Token {
    private final String name;
    private final Instant created;
    private String scopeMapId;
    private String status;
    private final Map<String, TokenPassword> passwords = new LinkedHashMap<>();

    Token(String name, String scopeMapId, String status, Instant created) {
      this.name = name;
      this.scopeMapId = scopeMapId;
      this.status = status;
      this.created = created;
    }

    String name() {
      return name;
    }

    String id() {
      return RegistryState.this.id + "/tokens/" + name;
    }

    Instant created() {
      return created;
    }

    String scopeMapId() {
      return scopeMapId;
    }

    String status() {
      return status;
    }

    void update(Optional<String> newScopeMapId, Optional<String> newStatus) {
      newScopeMapId.ifPresent(s -> scopeMapId = s);
      newStatus.ifPresent(s -> status = s);
    }

    List<TokenPassword> passwords() {
      return new ArrayList<>(passwords.values());
    }

    void putPassword(TokenPassword password) {
      passwords.put(password.name(), password);
    }

    /** What ACR does with a PATCH listing the passwords to keep ({@code az acr token credential delete}). */
    void retainPasswords(java.util.Set<String> names) {
      passwords.keySet().removeIf(n -> !names.contains(n));
    }

    boolean accepts(String password, Instant now) {
      return authenticates(password, now) && scopeMapById(scopeMapId).map(ScopeMap::allowsPull).orElse(false);
    }

    /** Enabled, and {@code password} is one of its live passwords: the login works, whatever it may pull. */
    boolean authenticates(String password, Instant now) {
      return status.equalsIgnoreCase("enabled")
          && passwords.values().stream().anyMatch(p -> p.isLive(now) && p.secret().matches(password));
    }

    /** Whether its scope map lets it pull {@code repository}, or any repository when empty. */
    boolean mayPull(Optional<String> repository) {
      return scopeMapById(scopeMapId)
          .map(s -> repository.map(s::allowsPull).orElseGet(s::allowsPull)).orElse(false);
    }

    TokenView view() {
      return new TokenView(RegistryState.this.name(), name, id(), scopeMapId, status, passwords.values().stream()
          .map(p -> new TokenView.TokenPasswordView(p.name(), p.created(), p.expiry())).toList());
    }
  }

  /** A generated token password: {@code password1} or {@code password2}. */
  record TokenPassword(String name, Instant created, Optional<Instant> expiry, Secret secret) {
    boolean isLive(Instant now) {
      return expiry.map(now::isBefore).orElse(true);
    }
  }
}
