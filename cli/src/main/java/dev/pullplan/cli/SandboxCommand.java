package dev.pullplan.cli;

import dev.pullplan.sandbox.Sandbox;
import dev.pullplan.sandbox.faults.FaultSpec;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sandbox", mixinStandardHelpOptions = true,
    description = "A local stand-in for the cloud, to try pullplan without an Azure account or a cluster.",
    subcommands = SandboxCommand.Up.class)
final class SandboxCommand implements Callable<Integer> {
  @Mixin ColorOptions common;

  private final Console console;

  SandboxCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    console.err().println("Usage: pullplan sandbox up [--dir DIR] (see pullplan sandbox up --help)");
    return ExitCodes.ERROR;
  }

  @Command(name = "up", mixinStandardHelpOptions = true,
      description = {"Start the sandbox in the foreground until interrupted (Ctrl-C):",
          "Kubernetes API servers for the clusters aks-dev and partner, and the Azure REST API (ARM,",
          "Microsoft Graph, Entra token endpoint) with the registry pullplandemo and the AKS cluster aks-dev.",
          "Writes DIR/sandbox.env; `source DIR/sandbox.env` points pullplan (and kubectl) at it."})
  static final class Up implements Callable<Integer> {
    @Mixin ColorOptions common;

    private final Console console;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".",
        description = "Where to write sandbox.env, the kubeconfig and the CA certificate (default: the current directory).")
    Path dir;

    @Option(names = "--seed", paramLabel = "DIR",
        description = {"Seed the world from DIR/sandbox.hcl (default: the one in --dir, else the built-in world).",
            "Each example has one: --seed examples/aks-attach holds the registries and AKS clusters it names."})
    Path seed;

    @Option(names = "--slow-operations", paramLabel = "N", defaultValue = "0",
        description = "Every Azure long-running operation answers \"in progress\" N times before it is done (default: 0, done at once).")
    int slowOperations;

    @Option(names = "--retry-after", paramLabel = "SECONDS",
        description = "With --slow-operations: the Retry-After (seconds) each \"in progress\" answer carries (default: none, the client chooses).")
    Integer retryAfter;

    @Option(names = "--faults", paramLabel = "SPEC",
        description = {"Inject random faults into every API (ARM, Graph, the token endpoint, the registry token server,",
            "each cluster's API server): " + FaultSpec.SYNTAX + ".",
            "rate: the share of requests faulted (0.2 or 20%); kinds (default all): 429 (with Retry-After: 1),",
            "429-bare (without), 500, 503, reset (connection closed, request not served; not on the clusters),",
            "slow (served after delay, default 1s); apis (default all): arm, graph, token, registry, kubernetes;",
            "seed (default 1): the same seed gives each request the same fate.",
            "Example: --faults rate=0.2,kinds=429,503,reset,seed=7"})
    String faults;

    Up(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() throws InterruptedException {
      CountDownLatch stopped = new CountDownLatch(1);
      dev.pullplan.sandbox.azure.SandboxOptions azure = dev.pullplan.sandbox.azure.SandboxOptions.defaults()
          .withLroPolls(slowOperations);
      Optional<FaultSpec> spec;
      try {
        spec = Optional.ofNullable(faults).map(FaultSpec::parse);
      } catch (IllegalArgumentException e) {
        console.err().println("Error: --" + e.getMessage());
        return ExitCodes.ERROR;
      }
      try (Sandbox sandbox = Sandbox.startSeededFrom(dir, seed == null ? dir : seed,
          retryAfter == null ? azure : azure.withLroRetryAfter(retryAfter))) {
        Path env = sandbox.writeEnv(dir.resolve("sandbox.env"));
        spec.ifPresent(s -> {
          sandbox.injectFaults(s);
          console.out().println("Injecting faults: " + s.describe() + ".");
        });
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
        console.out().println("Sandbox is up. Kubernetes clusters: " + String.join(", ", sandbox.kube().clusterNames())
            + "; Azure ARM at " + sandbox.azure().armEndpoint() + ".");
        console.out().println("Point pullplan at it with:  source " + env.toAbsolutePath());
        console.out().println("Then, e.g.:  pullplan plan --chdir " + (seed == null ? "examples/quickstart" : seed));
        console.out().println("Press Ctrl-C to stop.");
        console.out().flush();
        stopped.await();
      }
      return ExitCodes.OK;
    }
  }
}
