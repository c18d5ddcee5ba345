package dev.pullplan.sandbox;

import dev.pullplan.sandbox.azure.AzureSandbox;
import dev.pullplan.sandbox.azure.AzureSeed;
import dev.pullplan.sandbox.azure.SandboxOptions;
import dev.pullplan.sandbox.kube.KubeSandbox;
import dev.pullplan.sandbox.kube.KubeSeed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The whole local stand-in for the cloud: the Kubernetes API servers of the seeded clusters and
 * the Azure REST API whose AKS cluster hands out a kubeconfig for one of them. Everything on
 * loopback; its files (kubeconfig, CA, {@code sandbox.env}) go to one directory.
 */
public final class Sandbox implements AutoCloseable {
  private final KubeSandbox kube;
  private final AzureSandbox azure;
  private final Map<String, String> environment;

  private Sandbox(KubeSandbox kube, AzureSandbox azure, Map<String, String> environment) {
    this.kube = kube;
    this.azure = azure;
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
    KubeSandbox kube = KubeSandbox.seeded(seed);
    AzureSandbox azure;
    try {
      azure = AzureSandbox.start(AzureSeed.defaults(kube.kubeconfig()), azureOptions);
    } catch (RuntimeException e) {
      kube.close();
      throw e;
    }
    try {
      Files.createDirectories(dir);
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
      return new Sandbox(kube, azure, Map.copyOf(env));
    } catch (IOException | RuntimeException e) {
      azure.close();
      kube.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
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
        .collect(Collectors.joining("\n", "# pullplan sandbox: source this file to point pullplan at it\n", "\n"));
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
      azure.close();
    } finally {
      kube.close();
    }
  }
}
