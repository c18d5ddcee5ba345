package dev.pullplan.sandbox;

import dev.pullplan.sandbox.azure.AzureSandbox;
import dev.pullplan.sandbox.azure.AzureSeed;
import dev.pullplan.sandbox.azure.SandboxOptions;
import dev.pullplan.sandbox.faults.FaultInjector;
import dev.pullplan.sandbox.faults.FaultSpec;
import dev.pullplan.sandbox.kube.KubeSandbox;
import dev.pullplan.sandbox.kube.KubeSeed;
import dev.pullplan.sandbox.registry.ChallengeOnlyRegistry;
import dev.pullplan.sandbox.registry.LocalRegistry;
import dev.pullplan.sandbox.registry.ProbeImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The whole local stand-in for the cloud: the Kubernetes API servers of the seeded clusters and
 * the Azure REST API whose AKS cluster hands out a kubeconfig for one of them. Everything on
 * loopback; its files (kubeconfig, CA, {@code sandbox.env}) go to one directory.
 */
public final class Sandbox implements AutoCloseable {
  /** What the real registry holds from the start: the quickstart's probe image and one other repository. */
  public static final List<String> PROBE_IMAGES = List.of("edge/sim:1.0", "apps/web:1.0");

  private final KubeSandbox kube;
  private final AzureSandbox azure;
  private final Optional<LocalRegistry> registry;
  /** Without docker-registry: the challenge alone, so that logins can still be proven. */
  private final Optional<ChallengeOnlyRegistry> challengeOnly;
  private final String registryName;
  private final Map<String, String> environment;

  private Sandbox(KubeSandbox kube, AzureSandbox azure, Optional<LocalRegistry> registry,
      Optional<ChallengeOnlyRegistry> challengeOnly, String registryName, Map<String, String> environment) {
    this.kube = kube;
    this.azure = azure;
    this.registry = registry;
    this.challengeOnly = challengeOnly;
    this.registryName = registryName;
    this.environment = environment;
  }

  /**
   * Starts the world of {@code dir/sandbox.hcl}, or the built-in one: clusters {@code aks-dev}
   * (behind the AKS cluster) and {@code partner}.
   */
  public static Sandbox start(Path dir) {
    return start(dir, SandboxSeedFile.read(dir).orElseGet(KubeSeed::defaultSeed));
  }

  public static Sandbox start(Path dir, KubeSeed seed) {
    return start(dir, seed, Clock.systemUTC());
  }

  /** With the clock Azure uses for creation dates and expiry: tests make credentials age with it. */
  public static Sandbox start(Path dir, KubeSeed seed, Clock clock) {
    return start(dir, seed, SandboxOptions.defaults().withClock(clock));
  }

  /** The world of {@code dir/sandbox.hcl} (or the built-in one) with Azure behaving as {@code azureOptions} say. */
  public static Sandbox start(Path dir, SandboxOptions azureOptions) {
    return start(dir, SandboxSeedFile.read(dir).orElseGet(KubeSeed::defaultSeed), azureOptions);
  }

  /** With Azure behaving as {@code azureOptions} say, e.g. long-running operations that take a while. */
  public static Sandbox start(Path dir, KubeSeed seed, SandboxOptions azureOptions) {
    return start(dir, dir, seed, azureOptions, java.util.function.UnaryOperator.identity(), LocalRegistry.available());
  }

  /**
   * As {@link #start(Path, KubeSeed, SandboxOptions)}, with more in Azure than the built-in world:
   * {@code azureWorld} gets the built-in seed and returns the one to start (e.g. with more
   * registries, as the benchmark's fleet has).
   */
  public static Sandbox start(Path dir, KubeSeed seed, SandboxOptions azureOptions,
      java.util.function.UnaryOperator<AzureSeed> azureWorld) {
    return start(dir, dir, seed, azureOptions, azureWorld, LocalRegistry.available());
  }

  /**
   * The world of {@code seedDir/sandbox.hcl} (or the built-in one), its files written to {@code dir}:
   * {@code pullplan sandbox up --seed examples/aks-attach} starts the world that example names.
   */
  public static Sandbox startSeededFrom(Path dir, Path seedDir, SandboxOptions azureOptions) {
    return start(dir, seedDir, SandboxSeedFile.read(seedDir).orElseGet(KubeSeed::defaultSeed), azureOptions,
        java.util.function.UnaryOperator.identity(), LocalRegistry.available());
  }

  /**
   * As on a machine without docker-registry, even where it is installed: the registry's address
   * answers only the token-auth challenge, so logins are proven against the token server and pulls
   * are not.
   */
  public static Sandbox startWithoutPullRegistry(Path dir, KubeSeed seed) {
    return start(dir, dir, seed, SandboxOptions.defaults(), java.util.function.UnaryOperator.identity(), false);
  }

  private static Sandbox start(Path dir, Path seedDir, KubeSeed seed, SandboxOptions azureOptions,
      java.util.function.UnaryOperator<AzureSeed> azureWorld, boolean pullRegistry) {
    KubeSandbox kube = KubeSandbox.seeded(seed);
    AzureSandbox azure;
    AzureSeed azureSeed;
    try {
      azureSeed = azureWorld.apply(SandboxAzureSeed.read(seedDir).addTo(AzureSeed.defaults(kube.kubeconfig()), kube));
    } catch (RuntimeException e) {
      kube.close();
      throw e;
    }
    try {
      azure = AzureSandbox.start(azureSeed, azureOptions);
    } catch (RuntimeException e) {
      kube.close();
      throw e;
    }
    entraOnly(kube, azure, azureSeed);
    String registryName = azureSeed.registries().get(0).name();
    Optional<LocalRegistry> registry = Optional.empty();
    Optional<ChallengeOnlyRegistry> challengeOnly = Optional.empty();
    try {
      Files.createDirectories(dir);
      registry = pullRegistry ? startRegistry(dir, seedDir, azure, registryName) : Optional.empty();
      if (registry.isEmpty()) {
        challengeOnly = Optional.of(ChallengeOnlyRegistry.start(azure.registryTokenRealm()));
        azure.serveRegistryAt(registryName, challengeOnly.get().address());
      }
      Path kubeconfig = kube.writeKubeconfig(dir.resolve("sandbox.kubeconfig")).toAbsolutePath();
      Path ca = azure.writeCa(dir.resolve("sandbox-ca.pem")).toAbsolutePath();
      Map<String, String> env = new LinkedHashMap<>();
      env.put("KUBECONFIG", kubeconfig.toString());
      env.put("AZURE_TENANT_ID", azure.tenantId());
      env.put("AZURE_SUBSCRIPTION_ID", azure.subscriptionId());
      env.put("AZURE_CLIENT_ID", azure.clientId());
      env.put("AZURE_CLIENT_SECRET", azure.clientSecret());
      env.put("AZURE_AUTHORITY_HOST", azure.authorityHost());
      env.put("PULLPLAN_AZURE_ENDPOINT", azure.armEndpoint());
      env.put("PULLPLAN_AZURE_GRAPH_ENDPOINT", azure.graphEndpoint());
      env.put("PULLPLAN_AZURE_CA_FILE", ca.toString());
      env.put("PULLPLAN_VAR_subscription_id", azure.subscriptionId());
      registry.ifPresent(r -> env.put("PULLPLAN_SANDBOX_REGISTRY", r.address()));
      kube.useFaults(azure.faultInjector());
      return new Sandbox(kube, azure, registry, challengeOnly, registryName, Map.copyOf(env));
    } catch (IOException | RuntimeException e) {
      registry.ifPresent(LocalRegistry::close);
      challengeOnly.ifPresent(ChallengeOnlyRegistry::close);
      azure.close();
      kube.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  /**
   * The sandbox clusters behind AKS clusters with local accounts disabled accept only Entra tokens
   * for the AKS server application, as such a cluster's API server does.
   */
  private static void entraOnly(KubeSandbox kube, AzureSandbox azure, AzureSeed seed) {
    for (AzureSeed.Cluster aks : seed.clusters()) {
      if (aks.localAccountsDisabled()) {
        kube.clusterNames().stream()
            .filter(name -> aks.kubeconfigYaml().contains("server: " + kube.serverUrl(name) + "\n"))
            .forEach(name -> kube.acceptOnlyTokens(name, azure::aksServerTokenHolder));
      }
    }
  }

  /**
   * Runs docker-registry (when installed) as the content of the registry {@code registryName}: its
   * address becomes that ACR's login server, and the probe images (with those {@code sandbox.hcl}
   * names) are pushed into it.
   */
  private static Optional<LocalRegistry> startRegistry(Path dir, Path seedDir, AzureSandbox azure, String registryName) {
    if (!LocalRegistry.available()) {
      return Optional.empty();
    }
    LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"), azure.registryTokenRealm(),
        azure.registryTokenIssuer(), azure.registryTokenCertificatePem());
    try {
      azure.serveRegistryAt(registryName, registry.address());
      List<String> images = new java.util.ArrayList<>(PROBE_IMAGES);
      images.addAll(SandboxSeedFile.images(seedDir));
      for (String image : images) {
        int colon = image.lastIndexOf(':');
        push(azure, registry, registryName, image.substring(0, colon), image.substring(colon + 1));
      }
      return Optional.of(registry);
    } catch (RuntimeException e) {
      registry.close();
      throw e;
    }
  }

  private static ProbeImage push(AzureSandbox azure, LocalRegistry registry, String registryName, String repository,
      String tag) {
    ProbeImage image = ProbeImage.of(repository, tag);
    image.push(registry.baseUri(), repository, tag, azure.pushToken(registryName, repository));
    return image;
  }

  /** The real registry, when docker-registry is installed: pulls can be proven against it. */
  public Optional<LocalRegistry> registry() {
    return registry;
  }

  /** One line for people: where pulls can be verified, or why they cannot. */
  public String registryStatus() {
    return registry.map(r -> "registry " + registryName + " is served by docker-registry at " + r.address()
            + " (images " + String.join(", ", PROBE_IMAGES) + "): pulls can be verified")
        .orElse("pull verification is unavailable: " + LocalRegistry.BINARY + " is not installed"
            + " (Debian: apt-get install docker-registry); registry " + registryName + " answers only the login"
            + " challenge" + challengeOnly.map(c -> " at " + c.address()).orElse("")
            + ", so verify checks logins against the token server");
  }

  /**
   * Pushes one more probe image into the real registry; returns its manifest digest.
   *
   * @throws IllegalStateException when no real registry runs
   */
  public String pushImage(String repository, String tag) {
    LocalRegistry r = registry.orElseThrow(() -> new IllegalStateException(registryStatus()));
    return push(azure, r, registryName, repository, tag).digest();
  }

  /**
   * From now on every API — ARM, Graph, the token endpoint, the registry token server, each
   * cluster's API server — injects faults as {@code spec} says (the sandbox's own clients
   * excepted); the returned injector counts them and {@link FaultInjector#stop() stops} them.
   */
  public FaultInjector injectFaults(FaultSpec spec) {
    return azure.faultInjector().inject(spec);
  }

  /** The injector all of the sandbox's APIs share, with its counts. */
  public FaultInjector faultInjector() {
    return azure.faultInjector();
  }

  public KubeSandbox kube() {
    return kube;
  }

  public AzureSandbox azure() {
    return azure;
  }

  /** The variables that point pullplan (and the Azure SDK, and kubectl) at this sandbox. */
  public Map<String, String> environment() {
    return environment;
  }

  /**
   * Writes {@code export NAME='value'} lines to {@code file}, owner-only: it holds the sandbox's
   * (throw-away) client secret.
   */
  public Path writeEnv(Path file) {
    String text = new java.util.TreeMap<>(environment).entrySet().stream()
        .map(e -> "export " + e.getKey() + "='" + e.getValue() + "'")
        .collect(Collectors.joining("\n", "# pullplan sandbox: source this file to point pullplan at it\n# "
            + registryStatus() + "\n", "\n"));
    try {
      Files.writeString(file, text);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the sandbox's secret is throw-away anyway
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  @Override
  public void close() {
    try {
      registry.ifPresent(LocalRegistry::close);
      challengeOnly.ifPresent(ChallengeOnlyRegistry::close);
      azure.close();
    } finally {
      kube.close();
    }
  }
}
