package dev.pullplan.config;

import dev.pullplan.config.syntax.Attribute;
import dev.pullplan.config.syntax.Block;
import dev.pullplan.config.syntax.Body;
import dev.pullplan.diag.Diagnostics;
import dev.pullplan.diag.Position;
import dev.pullplan.model.Access;
import dev.pullplan.model.AzureResourceRef;
import dev.pullplan.model.BackendBlock;
import dev.pullplan.model.Cluster;
import dev.pullplan.model.NamespaceDecl;
import dev.pullplan.model.Output;
import dev.pullplan.model.ProviderBlock;
import dev.pullplan.model.Registry;
import dev.pullplan.model.Stack;
import dev.pullplan.model.StackName;
import dev.pullplan.model.Variable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds the typed {@link Stack} from the parsed files. Blocks are built in the order their
 * references allow (variables, registries, clusters, namespaces, accesses, outputs), so each
 * reference resolves to a value that is already known.
 */
final class StackAssembler {
  private static final Pattern ACR_NAME = Pattern.compile("[A-Za-z0-9]{5,50}");
  // the name goes into Entra display names, ACR token names and Kubernetes annotations
  private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_.-]{0,38}[A-Za-z0-9])?");
  private static final List<String> VAR = List.of("var");

  private final Diagnostics diagnostics;
  private final ReferenceScope scope = new ReferenceScope();
  private final String home;
  private final boolean unsetVariablesUnknown;
  private final ProviderSchemas providerSchemas;

  StackAssembler(Diagnostics diagnostics, String home, boolean unsetVariablesUnknown, ProviderSchemas providerSchemas) {
    this.diagnostics = diagnostics;
    this.home = home;
    this.unsetVariablesUnknown = unsetVariablesUnknown;
    this.providerSchemas = providerSchemas;
  }

  Stack assemble(Path dir, List<Body> files, VariableInputs inputs, String digestOfFiles) {
    TopLevelBlocks top = TopLevelBlocks.collect(files, scope, diagnostics);
    VariableResolution variables = new VariableResolution(scope, diagnostics, unsetVariablesUnknown);
    top.of(ConfigSchema.VARIABLE).values().forEach(variables::declare);
    variables.assign(dir, inputs);
    Map<String, Variable> vars = variables.resolve();
    LocalValues locals = new LocalValues(scope, diagnostics);
    locals.declare(top.all(ConfigSchema.LOCALS));
    locals.resolve();
    BlockInstances instances = new BlockInstances(scope, diagnostics);

    Optional<StackName> declaredName = top.of(ConfigSchema.SETTINGS).values().stream().findFirst()
        .flatMap(this::stackName);
    Map<String, ProviderBlock> providers = new LinkedHashMap<>();
    top.of(ConfigSchema.PROVIDER).forEach((name, b) -> provider(name, b).ifPresent(p -> providers.put(name, p)));
    Optional<BackendBlock> backend = top.of(ConfigSchema.BACKEND).entrySet().stream().findFirst()
        .flatMap(e -> backend(e.getKey(), e.getValue()));
    Map<String, Registry> registries = new LinkedHashMap<>();
    top.of(ConfigSchema.REGISTRY).forEach((name, b) -> registry(name, b).ifPresent(r -> registries.put(name, r)));
    Map<String, Cluster> clusters = new LinkedHashMap<>();
    top.of(ConfigSchema.CLUSTER).forEach((name, b) -> eachInstance(instances, ConfigSchema.CLUSTER, name, b, VAR,
        (n, i) -> cluster(n, i).ifPresent(c -> clusters.put(n, c))));
    Map<String, NamespaceDecl> namespaces = new LinkedHashMap<>();
    Map<List<String>, NamespaceDecl> byClusterAndName = new HashMap<>();
    top.of(ConfigSchema.NAMESPACE).forEach((name, b) -> eachInstance(instances, ConfigSchema.NAMESPACE, name, b,
        List.of("var", ConfigSchema.CLUSTER),
        (n, i) -> namespace(n, i, byClusterAndName).ifPresent(ns -> namespaces.put(n, ns))));
    AccessAssembler accessAssembler = new AccessAssembler(scope, diagnostics, registries, clusters);
    Map<String, Access> accesses = new LinkedHashMap<>();
    top.of(ConfigSchema.ACCESS).forEach((name, b) -> eachInstance(instances, ConfigSchema.ACCESS, name, b,
        List.of("var", ConfigSchema.REGISTRY, ConfigSchema.CLUSTER, ConfigSchema.NAMESPACE),
        (n, i) -> accessAssembler.access(n, i).ifPresent(a -> accesses.put(n, a))));
    if (unsetVariablesUnknown) {
      // a block whose value reads an unknown variable was not built: what refers to it cannot be either
      namespaces.values().removeIf(n -> !clusters.containsKey(n.cluster()));
      accesses.values().removeIf(a -> !registries.containsKey(a.registry()) || !clusters.containsKey(a.cluster()));
    }
    Map<String, Output> outputs = new LinkedHashMap<>();
    top.of(ConfigSchema.OUTPUT).forEach((name, b) -> output(name, b).ifPresent(o -> outputs.put(name, o)));

    List<dev.pullplan.model.Moved> moved = new MovedStatements(scope, diagnostics).read(top.all(ConfigSchema.MOVED));

    return new Stack(dir, vars, providers, backend, registries, clusters, namespaces, accesses, outputs,
        Digests.of(digestOfFiles, vars), declaredName, moved);
  }

  /**
   * Builds each instance of a block (one without {@code for_each} is its only instance); the
   * problems found in an instance of a block with {@code for_each} name its key.
   */
  private void eachInstance(BlockInstances instances, String kind, String name, Block b, List<String> roots,
      java.util.function.BiConsumer<String, Block> build) {
    for (BlockInstances.Instance instance : instances.of(kind, name, b, roots)) {
      int mark = diagnostics.mark();
      build.accept(instance.name(), instance.block());
      if (instance.key().isPresent()) {
        diagnostics.annotateSince(mark, instance.note(kind));
      }
    }
  }

  private Optional<StackName> stackName(Block b) {
    BodyReader body = reader(b, "the pullplan block", ConfigSchema.of(ConfigSchema.SETTINGS, "").orElseThrow(), VAR);
    return body.string("stack").flatMap(name -> {
      Position at = body.attribute("stack").orElseThrow().value().position();
      if (!STACK_NAME.matcher(name).matches()) {
        diagnostics.error(at, "invalid stack name \"" + name + "\"",
            "a stack name is 1 to 40 letters, digits, `-`, `_` and `.`, starting and ending with a letter or"
                + " digit, e.g. stack = \"" + suggestedStackName(name) + "\"");
        return Optional.empty();
      }
      return Optional.of(new StackName(name, at));
    });
  }

  private static String suggestedStackName(String name) {
    String s = name.replaceAll("[^A-Za-z0-9_.-]+", "-").replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
    s = s.length() > 40 ? s.substring(0, 40) : s;
    return s.isEmpty() ? "my-stack" : s;
  }

  private BodyReader reader(Block b, String title, BlockSchema schema, List<String> roots) {
    return new BodyReader(b, title, schema, new Evaluator(scope, diagnostics, roots, "a " + b.type() + " block"),
        scope, diagnostics);
  }

  private Optional<ProviderBlock> provider(String name, Block b) {
    Optional<BlockSchema> schema = providerSchemas.of(name);
    if (schema.isEmpty()) {
      diagnostics.error(b.labels().get(0).position(), "unknown provider \"" + name + "\"",
          Suggestions.didYouMean(name, providerSchemas.names(), "\"%s\"",
              "the providers are: " + String.join(", ", providerSchemas.names())));
      return Optional.empty();
    }
    BodyReader body = reader(b, "provider \"" + name + "\"", schema.get(), VAR);
    return Optional.of(new ProviderBlock(name, strings(body), b.position()));
  }

  private Optional<BackendBlock> backend(String type, Block b) {
    Optional<BlockSchema> schema = ConfigSchema.of(ConfigSchema.BACKEND, type);
    if (schema.isEmpty()) {
      diagnostics.error(b.labels().get(0).position(), "unknown backend type \"" + type + "\"",
          Suggestions.didYouMean(type, ConfigSchema.BACKENDS.keySet(), "\"%s\"", "use \"local\", \"kubernetes\" or \"git\""));
      return Optional.empty();
    }
    BodyReader body = reader(b, "backend \"" + type + "\"", schema.get(), VAR);
    return Optional.of(new BackendBlock(type, strings(body), b.position()));
  }

  /** Every attribute of a body as a string setting, in the order written. */
  private Map<String, String> strings(BodyReader body) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (Attribute a : body.block().body().attributes()) {
      if (body.attribute(a.name()).filter(x -> x == a).isPresent()) {
        body.string(a.name()).ifPresent(v -> settings.put(a.name(), v));
      }
    }
    return java.util.Collections.unmodifiableMap(settings);
  }

  private Optional<AzureResourceRef> azureRef(BodyReader parent, String nested, String owner) {
    return parent.nested(nested).flatMap(block -> {
      BodyReader body = reader(block, "the " + nested + " block of " + owner, parent.schema().blocks().get(nested), VAR);
      Optional<String> name = body.string("name");
      Optional<String> group = body.string("resource_group");
      if (name.isEmpty() || group.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new AzureResourceRef(name.get(), group.get(), body.string("subscription_id")));
    });
  }

  private Optional<Registry> registry(String name, Block b) {
    String title = "registry \"" + name + "\"";
    BodyReader body = reader(b, title, ConfigSchema.of(ConfigSchema.REGISTRY, name).orElseThrow(), VAR);
    long before = diagnostics.errorCount();
    Optional<AzureResourceRef> acr = azureRef(body, "acr", title);
    Optional<String> server = body.string("server");
    // with acr, server is optional: without it the provider reads the login server from Azure at
    // run time (a sovereign cloud's azurecr.cn or azurecr.us, a custom domain, the sandbox's registry)
    if (!body.written("acr") && !body.written("server")) {
      diagnostics.error(b.position(), title + " needs an `acr` block or a `server`",
          "write acr { name = \"...\" resource_group = \"...\" }, or server = \"ghcr.io\"");
    }
    acr.ifPresent(ref -> checkAcrName(ref.name(), body.nested("acr").orElseThrow()));
    server.ifPresent(s -> checkServer(s, body.attribute("server").orElseThrow()));
    if (diagnostics.errorCount() > before || (acr.isEmpty() && server.isEmpty())) {
      return Optional.empty();
    }
    Registry registry = new Registry(name, acr, server, b.position());
    scope.attribute(ConfigSchema.REGISTRY, name, "server", registry.loginServer().<Object>map(s -> s).orElseGet(() ->
        new Unavailable("registry \"" + name + "\" has no `server`: the login server of an Azure Container Registry"
            + " is read from Azure when pullplan runs, not known when the config is loaded",
            "write server = \"...\" in registry \"" + name + "\" (its login server: az acr show -n "
                + acr.get().name() + " --query loginServer)")));
    return Optional.of(registry);
  }

  private void checkAcrName(String acrName, Block acrBlock) {
    if (ACR_NAME.matcher(acrName).matches()) {
      return;
    }
    Position at = acrBlock.body().attributes().stream().filter(a -> a.name().equals("name")).findFirst()
        .map(a -> a.value().position()).orElse(acrBlock.position());
    diagnostics.error(at, "invalid ACR name \"" + acrName + "\": an ACR name is 5 to 50 letters and digits",
        acrName.contains(".") ? "write the registry's resource name, not its login server: name = \""
            + acrName.substring(0, acrName.indexOf('.')) + "\""
            : "write the registry's resource name as shown in the Azure portal");
  }

  private void checkServer(String server, Attribute at) {
    if (server.contains("://")) {
      diagnostics.error(at.value().position(), "`server` must be a host name, not a URL: \"" + server + "\"",
          "write server = \"" + server.substring(server.indexOf("://") + 3).replaceAll("/.*", "") + "\"");
    } else if (server.isBlank() || server.contains("/") || server.contains(" ")) {
      diagnostics.error(at.value().position(), "`server` must be a registry host name (with an optional :port), got \""
          + server + "\"", "write the host images are pulled from, e.g. server = \"ghcr.io\"");
    }
  }

  private Optional<Cluster> cluster(String name, Block b) {
    String title = "cluster \"" + name + "\"";
    BodyReader body = reader(b, title, ConfigSchema.of(ConfigSchema.CLUSTER, name).orElseThrow(), VAR);
    Optional<AzureResourceRef> aks = azureRef(body, "aks", title);
    Optional<String> kubeconfig = body.string("kubeconfig").map(this::expandHome);
    Optional<String> context = body.string("context");
    scope.attribute(ConfigSchema.CLUSTER, name, "name", name);
    if (!body.written("aks") && !body.written("kubeconfig") && !body.written("context")) {
      diagnostics.error(b.position(), title + " needs an `aks` block, a `kubeconfig` or a `context`",
          "write aks { name = \"...\" resource_group = \"...\" } for AKS, or context = \"...\" for a kubeconfig context");
      return Optional.empty();
    }
    return Optional.of(new Cluster(name, aks, kubeconfig, context, b.position()));
  }

  private String expandHome(String path) {
    if (path.equals("~")) {
      return home;
    }
    return path.startsWith("~/") ? home + path.substring(1) : path;
  }

  /** @param earlier the namespaces declared before, by cluster and name; this one is added when valid */
  private Optional<NamespaceDecl> namespace(String blockName, Block b, Map<List<String>, NamespaceDecl> earlier) {
    String title = "namespace \"" + blockName + "\"";
    BodyReader body = reader(b, title, ConfigSchema.of(ConfigSchema.NAMESPACE, blockName).orElseThrow(),
        List.of("var", ConfigSchema.CLUSTER));
    long before = diagnostics.errorCount();
    Optional<BlockRef> cluster = body.reference("cluster", ConfigSchema.CLUSTER);
    // an instance of a namespace block with for_each is named after its key unless it says otherwise
    String name = body.string("name").orElse(dev.pullplan.address.Address.of(ConfigSchema.NAMESPACE, blockName, "k8s_namespace")
        .instanceKey().orElse(blockName));
    Position nameAt = body.attribute("name").map(a -> a.value().position()).orElse(b.labels().get(0).position());
    KubernetesNames.checkLabel(name).ifPresent(problem -> diagnostics.error(nameAt,
        "namespace name \"" + name + "\" " + problem,
        body.has("name") ? "write a valid name, e.g. \"" + KubernetesNames.suggest(name) + "\""
            : "set name = \"" + KubernetesNames.suggest(name) + "\" in the block"));
    boolean create = body.bool("create").orElse(false);
    Map<String, String> labels = KubernetesNames.labels(body, "labels", diagnostics);
    if (cluster.isPresent()) {
      // looked up by (cluster, name), not by a walk over the earlier ones: thousands of namespaces stay linear
      NamespaceDecl other = earlier.get(List.of(cluster.get().name(), name));
      if (other != null) {
        diagnostics.error(b.position(), title + " declares namespace \"" + name + "\" of cluster \""
            + other.cluster() + "\" again", "it is already declared by namespace \"" + other.blockName() + "\" at "
            + other.origin() + "; keep one");
      }
    }
    scope.attribute(ConfigSchema.NAMESPACE, blockName, "name", name);
    if (diagnostics.errorCount() > before || cluster.isEmpty()) {
      return Optional.empty();
    }
    NamespaceDecl declared = new NamespaceDecl(blockName, cluster.get().name(), name, create, labels, b.position());
    earlier.put(List.of(declared.cluster(), declared.name()), declared);
    return Optional.of(declared);
  }

  private Optional<Output> output(String name, Block b) {
    String title = "output \"" + name + "\"";
    Evaluator evaluator = new Evaluator(scope, diagnostics, List.of("var", ConfigSchema.REGISTRY, ConfigSchema.CLUSTER,
        ConfigSchema.NAMESPACE, ConfigSchema.ACCESS), "an output");
    BodyReader body = new BodyReader(b, title, ConfigSchema.of(ConfigSchema.OUTPUT, name).orElseThrow(), evaluator,
        scope, diagnostics);
    boolean sensitive = body.bool("sensitive").orElse(false);
    Optional<Attribute> valueAttribute = body.attribute("value");
    if (valueAttribute.isEmpty()) {
      return Optional.empty();
    }
    Optional<Object> value = evaluator.evaluate(valueAttribute.get().value());
    if (value.isEmpty()) {
      return Optional.empty();
    }
    Position at = valueAttribute.get().value().position();
    if (value.get() instanceof BlockRef ref) {
      diagnostics.error(at, title + " is a whole block (`" + ref.shown() + "`), not a value",
          "output one of its values, e.g. " + ref.shown() + "." + (ref.kind().equals(ConfigSchema.REGISTRY) ? "server"
              : ref.kind().equals(ConfigSchema.ACCESS) ? "secret_name" : "name"));
      return Optional.empty();
    }
    if (!sensitive && !evaluator.sensitiveUsed().isEmpty()) {
      diagnostics.error(at, title + " shows the sensitive variable `var." + evaluator.sensitiveUsed().iterator().next() + "`",
          "add sensitive = true to the output");
      return Optional.empty();
    }
    if (value.get() == NullValue.INSTANCE) {
      diagnostics.warning(at, title + " is null and is left out", "give the variable it shows a value");
      return Optional.empty();
    }
    return Optional.of(new Output(name, value.get(), sensitive, b.position()));
  }
}
