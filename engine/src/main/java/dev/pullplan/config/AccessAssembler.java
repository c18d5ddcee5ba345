package dev.pullplan.config;

import dev.pullplan.config.syntax.Attribute;
import dev.pullplan.config.syntax.Block;
import dev.pullplan.diag.Diagnostics;
import dev.pullplan.diag.Position;
import dev.pullplan.model.Access;
import dev.pullplan.model.AccessMode;
import dev.pullplan.model.Cluster;
import dev.pullplan.model.Credential;
import dev.pullplan.model.CredentialType;
import dev.pullplan.model.Lifetime;
import dev.pullplan.model.Registry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Builds {@code access} blocks and checks that mode, registry, cluster and credential fit together. */
final class AccessAssembler {
  private static final Duration YEAR = Duration.ofDays(365);
  private static final List<String> ATTACH_EXCLUDES =
      List.of("credential", "namespaces", "namespace_selector", "service_accounts", "secret_name");

  private final ReferenceScope scope;
  private final Diagnostics diagnostics;
  private final Map<String, Registry> registries;
  private final Map<String, Cluster> clusters;

  AccessAssembler(ReferenceScope scope, Diagnostics diagnostics, Map<String, Registry> registries,
      Map<String, Cluster> clusters) {
    this.scope = scope;
    this.diagnostics = diagnostics;
    this.registries = registries;
    this.clusters = clusters;
  }

  Optional<Access> access(String name, Block b) {
    String title = "access \"" + name + "\"";
    BodyReader body = new BodyReader(b, title, ConfigSchema.of(ConfigSchema.ACCESS, name).orElseThrow(),
        new Evaluator(scope, diagnostics, List.of("var", ConfigSchema.REGISTRY, ConfigSchema.CLUSTER, ConfigSchema.NAMESPACE),
            "an access block"), scope, diagnostics);
    long before = diagnostics.errorCount();
    scope.attribute(ConfigSchema.ACCESS, name, "name", name);
    scope.attribute(ConfigSchema.ACCESS, name, "secret_name",
        new Unavailable("its mode has no secret", "only pull_secret and service_account accesses have a secret_name"));
    Optional<BlockRef> registryRef = body.reference("registry", ConfigSchema.REGISTRY);
    Optional<BlockRef> clusterRef = body.reference("cluster", ConfigSchema.CLUSTER);
    Optional<AccessMode> mode = mode(body);
    Optional<Registry> registry = registryRef.map(r -> registries.get(r.name()));
    Optional<Cluster> cluster = clusterRef.map(c -> clusters.get(c.name()));
    List<String> namespaces = List.of();
    Map<String, String> selector = Map.of();
    List<String> serviceAccounts = List.of();
    String secretName = defaultSecretName(registryRef.map(BlockRef::name).orElse(name));
    Credential credential = Credential.defaultFor(CredentialType.SERVICE_PRINCIPAL);
    if (mode.isPresent() && mode.get() == AccessMode.ATTACH) {
      attach(body, title, registry, cluster);
      // the kubelet identity's role assignment takes them as an ABAC condition (the provider checks the mode)
      credential = new Credential(CredentialType.SERVICE_PRINCIPAL, repositoryPatterns(body), Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    } else if (mode.isPresent()) {
      if (body.has("repositories")) {
        diagnostics.error(body.positionOf("repositories"), "`repositories` of mode \"" + mode.get().keyword()
                + "\" belongs in its credential block",
            "move it into credential { type = \"token\" repositories = [...] } (or type = \"service_principal\")");
      }
      namespaces = namespaces(body, title);
      selector = selector(body);
      if (!body.has("namespaces") && !body.has("namespace_selector")) {
        diagnostics.error(b.position(), title + " in mode \"" + mode.get().keyword()
                + "\" needs `namespaces` or `namespace_selector`",
            "list them, namespaces = [\"apps\"], or select them by label, namespace_selector = { team = \"apps\" }");
      }
      serviceAccounts = serviceAccounts(body, mode.get());
      secretName = secretName(body, secretName);
      credential = credential(body, title, registry);
      scope.attribute(ConfigSchema.ACCESS, name, "secret_name", secretName);
    }
    Optional<String> probeImage = body.string("probe_image");
    if (diagnostics.errorCount() > before || registryRef.isEmpty() || clusterRef.isEmpty() || mode.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Access(name, registryRef.get().name(), clusterRef.get().name(), mode.get(), namespaces,
        selector, serviceAccounts, secretName, probeImage, credential, b.position()));
  }

  /** Registry block names may hold `_`, which Kubernetes names may not. */
  private static String defaultSecretName(String registry) {
    return "pullplan-" + registry.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private Optional<AccessMode> mode(BodyReader body) {
    Optional<String> text = body.string("mode");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<AccessMode> mode = AccessMode.parse(text.get());
    if (mode.isEmpty()) {
      List<String> keywords = Arrays.stream(AccessMode.values()).map(AccessMode::keyword).toList();
      diagnostics.error(body.attribute("mode").orElseThrow().value().position(), "invalid mode \"" + text.get() + "\"",
          Suggestions.closest(text.get().replace('-', '_'), keywords).map(k -> "did you mean \"" + k + "\"?")
              .orElse("use \"attach\", \"pull_secret\" or \"service_account\""));
    }
    return mode;
  }

  private void attach(BodyReader body, String title, Optional<Registry> registry, Optional<Cluster> cluster) {
    for (String excluded : ATTACH_EXCLUDES) {
      if (body.has(excluded)) {
        Position at = body.attribute(excluded).map(Attribute::position)
            .orElseGet(() -> body.nested(excluded).map(Block::position).orElseThrow());
        diagnostics.error(at, "`" + excluded + "` does not apply to mode \"attach\"",
            "attach grants the cluster's kubelet identity pull rights on the registry (limit them with `repositories`"
                + " on an ABAC registry): remove `" + excluded
                + "`, or use mode = \"pull_secret\"");
      }
    }
    Position modeAt = body.attribute("mode").orElseThrow().value().position();
    cluster.filter(c -> !c.isAks()).ifPresent(c -> diagnostics.error(modeAt,
        "mode \"attach\" needs an AKS cluster, but cluster \"" + c.name() + "\" has no `aks` block",
        "add aks { name = \"...\" resource_group = \"...\" } to cluster \"" + c.name()
            + "\", or use mode = \"pull_secret\""));
    registry.filter(r -> !r.isAcr()).ifPresent(r -> diagnostics.error(modeAt,
        "mode \"attach\" needs an ACR registry, but registry \"" + r.name() + "\" has no `acr` block",
        "for any other registry use mode = \"pull_secret\" with credential { type = \"external\" ... }"));
  }

  private List<String> namespaces(BodyReader body, String title) {
    List<String> out = new ArrayList<>();
    Map<String, Position> seen = new HashMap<>();
    body.stringList("namespaces").ifPresent(items -> items.forEach(item -> {
      String ns = item.value();
      Optional<String> problem = KubernetesNames.checkLabel(ns);
      if (problem.isPresent()) {
        diagnostics.error(item.position(), "namespace \"" + ns + "\" " + problem.get(),
            "write a valid namespace name, e.g. \"" + KubernetesNames.suggest(ns) + "\"");
      } else if (seen.containsKey(ns)) {
        diagnostics.error(item.position(), "namespace \"" + ns + "\" is listed twice in " + title,
            "remove the repeated entry (first at line " + seen.get(ns).line() + ", column "
                + seen.get(ns).column() + ")");
      } else {
        seen.put(ns, item.position());
        out.add(ns);
      }
    }));
    return List.copyOf(out);
  }

  private Map<String, String> selector(BodyReader body) {
    if (body.has("namespace_selector") && body.stringMap("namespace_selector").filter(Map::isEmpty).isPresent()) {
      diagnostics.error(body.attribute("namespace_selector").orElseThrow().value().position(),
          "`namespace_selector` is empty and would select every namespace",
          "give at least one label, e.g. namespace_selector = { team = \"apps\" }");
    }
    return KubernetesNames.labels(body, "namespace_selector", diagnostics);
  }

  private List<String> serviceAccounts(BodyReader body, AccessMode mode) {
    if (mode != AccessMode.SERVICE_ACCOUNT) {
      if (body.has("service_accounts")) {
        diagnostics.error(body.positionOf("service_accounts"),
            "`service_accounts` applies only to mode \"service_account\"",
            "remove it, or set mode = \"service_account\" to add the secret to those service accounts");
      }
      return List.of();
    }
    Optional<List<Located<String>>> listed = body.stringList("service_accounts");
    if (listed.isEmpty()) {
      return List.of("default");
    }
    List<String> out = new ArrayList<>();
    for (Located<String> sa : listed.get()) {
      KubernetesNames.checkSubdomain(sa.value()).ifPresentOrElse(problem -> diagnostics.error(sa.position(),
          "service account name \"" + sa.value() + "\" " + problem,
          "write a valid name, e.g. \"" + KubernetesNames.suggest(sa.value()) + "\""), () -> {
            if (out.contains(sa.value())) {
              diagnostics.error(sa.position(), "service account \"" + sa.value() + "\" is listed twice",
                  "remove the repeated entry");
            } else {
              out.add(sa.value());
            }
          });
    }
    if (listed.get().isEmpty()) {
      diagnostics.error(body.attribute("service_accounts").orElseThrow().value().position(),
          "`service_accounts` is empty", "leave it out to use [\"default\"], or list the service accounts");
    }
    return List.copyOf(out);
  }

  private String secretName(BodyReader body, String defaultName) {
    Optional<String> given = body.string("secret_name");
    String name = given.orElse(defaultName);
    KubernetesNames.checkSubdomain(name).ifPresent(problem -> diagnostics.error(body.attribute("secret_name")
            .map(a -> a.value().position()).orElse(body.block().position()),
        "secret name \"" + name + "\" " + problem,
        given.isPresent() ? "write a valid name, e.g. \"" + KubernetesNames.suggest(name) + "\""
            : "set secret_name to a valid name, e.g. \"" + KubernetesNames.suggest(name) + "\""));
    return name;
  }

  private Credential credential(BodyReader access, String title, Optional<Registry> registry) {
    Optional<Block> block = access.nested("credential");
    if (block.isEmpty()) {
      registry.filter(r -> !r.isAcr()).ifPresent(r -> notAcr(access.block().position(), CredentialType.SERVICE_PRINCIPAL, r,
          " (the default when there is no credential block)"));
      return Credential.defaultFor(CredentialType.SERVICE_PRINCIPAL);
    }
    BodyReader body = new BodyReader(block.get(), "the credential of " + title, ConfigSchema.CREDENTIAL,
        access.evaluator(), scope, diagnostics);
    Optional<String> typeText = body.string("type");
    Optional<CredentialType> parsed = typeText.map(t -> CredentialType.parse(t).orElse(null));
    if (typeText.isPresent() && parsed.isEmpty()) {
      List<String> keywords = Arrays.stream(CredentialType.values()).map(CredentialType::keyword).toList();
      diagnostics.error(body.attribute("type").orElseThrow().value().position(), "invalid credential type \"" + typeText.get() + "\"",
          Suggestions.closest(typeText.get(), keywords).map(k -> "did you mean \"" + k + "\"?")
              .orElse("use \"service_principal\", \"token\" or \"external\""));
      return Credential.defaultFor(CredentialType.SERVICE_PRINCIPAL);
    }
    CredentialType type = parsed.orElse(CredentialType.SERVICE_PRINCIPAL);
    Position typeAt = body.attribute("type").map(a -> a.value().position()).orElse(block.get().position());
    if (type.managedInAzure()) {
      registry.filter(r -> !r.isAcr()).ifPresent(r -> notAcr(typeAt, type, r, ""));
    }
    List<String> repositories = repositories(body, type, block.get());
    Map<String, Optional<Lifetime>> lifetimes = lifetimes(body, type);
    Optional<String> username = external(body, type, "username");
    Optional<String> passwordEnv = external(body, type, "password_env");
    Optional<String> passwordFile = external(body, type, "password_file");
    if (type == CredentialType.EXTERNAL) {
      // pullplan issues nothing for an external credential, so nothing reads the ACR's login
      // server from Azure for it: the config must say where the password logs in
      registry.filter(r -> r.isAcr() && r.loginServer().isEmpty()).ifPresent(r -> diagnostics.error(typeAt,
          "an external credential on registry \"" + r.name() + "\" needs the registry's `server`",
          "write server = \"...\" in registry \"" + r.name() + "\" (its login server: az acr show -n "
              + r.acr().orElseThrow().name() + " --query loginServer), or use credential type \"token\""));
      if (!body.has("username")) {
        diagnostics.error(block.get().position(), "an external credential needs a `username`",
            "add username = \"...\" (the registry user the password belongs to)");
      } else if (username.filter(u -> u.contains(":")).isPresent()) {
        // a docker config's auth is base64(user:password), split at the first ':' (RFC 7617)
        diagnostics.error(body.attribute("username").orElseThrow().value().position(), "an external credential's `username` cannot contain ':'",
            "kubelet and container runtimes split the login at the first ':', so this user could never log in");
      }
      if (!body.has("password_env") && !body.has("password_file")) {
        diagnostics.error(block.get().position(), "an external credential needs `password_env` or `password_file`",
            "name where the password comes from, e.g. password_env = \"REGISTRY_TOKEN\"");
      } else if (body.has("password_env") && body.has("password_file")) {
        diagnostics.error(body.positionOf("password_file"), "`password_env` and `password_file` are both set",
            "keep one source for the password");
      }
    }
    return new Credential(type, repositories, lifetimes.get("expires_after"), lifetimes.get("rotate_after"),
        lifetimes.get("renew_before"), username, passwordEnv, passwordFile);
  }

  private void notAcr(Position at, CredentialType type, Registry r, String note) {
    diagnostics.error(at, "credential type \"" + type.keyword() + "\"" + note + " needs an ACR registry, but registry \""
            + r.name() + "\" has no `acr` block",
        "pullplan creates credentials only in ACR: for registry \"" + r.name()
            + "\" use an external credential: credential { type = \"external\" }, with username and password_env"
            + " (or password_file) on lines of their own");
  }

  /** Repositories a role assignment's ABAC condition names: paths, or prefixes as {@code team/*}. */
  private List<String> repositoryPatterns(BodyReader body) {
    List<String> out = new ArrayList<>();
    for (Located<String> repo : body.stringList("repositories").orElse(List.of())) {
      if (!repo.value().matches("[a-z0-9]+([._/-][a-z0-9]+)*(/\\*)?")) {
        diagnostics.error(repo.position(), "invalid repository \"" + repo.value() + "\"",
            "write a repository path without registry or tag, e.g. \"team/app\", or a prefix as \"team/*\"");
      } else {
        out.add(repo.value());
      }
    }
    return List.copyOf(out);
  }

  private List<String> repositories(BodyReader body, CredentialType type, Block block) {
    // a service principal's role assignment takes them as an ABAC condition (the provider checks the registry's mode)
    boolean servicePrincipal = type == CredentialType.SERVICE_PRINCIPAL;
    if (type != CredentialType.TOKEN && !servicePrincipal) {
      if (body.has("repositories")) {
        diagnostics.error(body.positionOf("repositories"),
            "`repositories` applies only to credential types \"token\" and \"service_principal\"",
            "remove it, or set type = \"token\" for a token limited to those repositories");
      }
      return List.of();
    }
    List<Located<String>> repos = body.stringList("repositories").orElse(List.of());
    if (servicePrincipal) {
      return repositoryPatterns(body);
    }
    if (repos.isEmpty() && (!body.has("repositories") || body.stringList("repositories").isPresent())) {
      diagnostics.error(body.has("repositories") ? body.positionOf("repositories") : block.position(),
          "a token credential needs `repositories`", "list the repositories it may pull, e.g. repositories = [\"team/app\"]");
    }
    List<String> out = new ArrayList<>();
    for (Located<String> repo : repos) {
      if (!repo.value().matches("[a-z0-9]+([._/-][a-z0-9]+)*")) {
        diagnostics.error(repo.position(), "invalid repository \"" + repo.value() + "\"",
            "write a repository path without registry or tag, e.g. \"team/app\"");
      } else {
        out.add(repo.value());
      }
    }
    return List.copyOf(out);
  }

  private Map<String, Optional<Lifetime>> lifetimes(BodyReader body, CredentialType type) {
    Map<String, Optional<Lifetime>> out = new HashMap<>();
    for (String attribute : List.of("expires_after", "rotate_after", "renew_before")) {
      out.put(attribute, body.string(attribute).flatMap(text -> {
        Optional<Lifetime> parsed = Lifetime.parse(text);
        if (parsed.isEmpty()) {
          diagnostics.error(body.attribute(attribute).orElseThrow().value().position(), "invalid duration \"" + text
              + "\" for `" + attribute + "`", "write a number and a unit: 90d, 12h, 30m, or combined as 1d12h");
        } else if (type == CredentialType.EXTERNAL) {
          diagnostics.error(body.positionOf(attribute), "`" + attribute + "` applies only to credentials pullplan creates",
              "an external credential's lifetime is managed where it was issued: remove `" + attribute + "`");
          return Optional.empty();
        }
        return parsed;
      }));
    }
    out.get("expires_after").ifPresent(expires -> {
      Function<String, Optional<Lifetime>> get = out::get;
      for (String shorter : List.of("rotate_after", "renew_before")) {
        get.apply(shorter).filter(l -> l.duration().compareTo(expires.duration()) >= 0).ifPresent(l ->
            diagnostics.error(body.attribute(shorter).orElseThrow().value().position(),
                "`" + shorter + "` (" + l + ") must be shorter than `expires_after` (" + expires + ")",
                shorter.equals("rotate_after") ? "rotate before the credential expires, e.g. rotate_after = \""
                    + twoThirds(expires) + "\"" : "renew some time before the end, e.g. renew_before = \"7d\""));
      }
      if (expires.duration().compareTo(YEAR) > 0) {
        diagnostics.warning(body.attribute("expires_after").orElseThrow().value().position(),
            "`expires_after` (" + expires + ") is longer than a year",
            "long-lived credentials are riskier; consider expires_after = \"365d\" or less with rotate_after");
      }
    });
    return out;
  }

  private static String twoThirds(Lifetime expires) {
    long minutes = expires.duration().toMinutes() * 2 / 3;
    return minutes >= 1440 ? minutes / 1440 + "d" : minutes >= 60 ? minutes / 60 + "h" : Math.max(1, minutes) + "m";
  }

  private Optional<String> external(BodyReader body, CredentialType type, String attribute) {
    if (type != CredentialType.EXTERNAL && body.has(attribute)) {
      diagnostics.error(body.positionOf(attribute), "`" + attribute + "` applies only to credential type \"external\"",
          "pullplan creates the username and password of a \"" + type.keyword() + "\" credential: remove `"
              + attribute + "`");
      return Optional.empty();
    }
    return body.string(attribute);
  }
}
