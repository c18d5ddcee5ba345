package dev.pullplan.cli;

import dev.pullplan.PullplanException;
import dev.pullplan.sandbox.Sandbox;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"A guided tour of pullplan on examples/quickstart against an in-process sandbox.",
        "plan -> apply -> plan (no changes) -> a change behind pullplan's back -> plan shows the drift ->",
        "apply repairs it -> destroy. Runs the very commands you would type."})
final class DemoCommand implements Callable<Integer> {
  @Mixin ColorOptions common;

  static final String EXAMPLE = "quickstart";

  private final Console console;

  DemoCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws IOException {
    Instant start = Instant.now();
    try (ScratchDir scratch = ScratchDir.create("pullplan-demo-")) {
      Path dir = scratch.path();
      Path stack = copyExample(dir.resolve(EXAMPLE));
      try (Sandbox sandbox = Sandbox.start(dir.resolve("sandbox"))) {
        Map<String, String> env = new HashMap<>(sandbox.environment());
        env.put("HOME", dir.toString());
        Console demo = new Console(new ByteArrayInputStream(new byte[0]), console.out(), console.err(), env, false,
            console.providers());
        say("pullplan demo: examples/" + EXAMPLE + " against a local sandbox (Kubernetes API servers for"
            + " clusters aks-dev and partner, and Azure's REST API with registry pullplandemo and AKS cluster aks-dev).");
        step(1, "What would pullplan do? It reads Azure and both clusters and shows the plan.");
        run(demo, 0, "plan", "--chdir", stack.toString());
        step(2, "Apply it. Each resource starts once what it depends on is done; state is written after every change.");
        run(demo, 0, "apply", "--auto-approve", "--chdir", stack.toString());
        step(3, "Plan again: everything matches, so there is nothing to do.");
        run(demo, 0, "plan", "--detailed-exitcode", "--chdir", stack.toString());
        step(4, "Someone deletes the pull secret in partner/edge with kubectl, behind pullplan's back.");
        KubernetesClient partner = sandbox.kube().client("partner");
        partner.secrets().inNamespace("edge").withName("pullplan-shared").delete();
        say("$ kubectl --context partner -n edge delete secret pullplan-shared");
        step(5, "Plan notices the drift and says what it would do about it (exit code 2: changes present).");
        run(demo, 2, "plan", "--detailed-exitcode", "--chdir", stack.toString());
        step(6, "Apply repairs it.");
        run(demo, 0, "apply", "--auto-approve", "--chdir", stack.toString());
        step(7, "Destroy removes what pullplan made, and nothing else (the secret another tool made in partner/edge stays).");
        run(demo, 0, "destroy", "--auto-approve", "--chdir", stack.toString());
        boolean foreignKept = partner.secrets().inNamespace("edge").withName("legacy-pull").get() != null;
        say("partner/edge still has the foreign secret legacy-pull: " + foreignKept);
      }
      say(String.format(Locale.ROOT, "Demo finished in %.1f s.", Duration.between(start, Instant.now()).toMillis() / 1000.0));
      return ExitCodes.OK;
    }
  }

  private void run(Console demo, int expectedExit, String... args) {
    say("$ pullplan " + String.join(" ", args).replaceAll("--chdir \\S+", "--chdir examples/" + EXAMPLE));
    int exit = Pullplan.run(demo, args);
    if (exit != expectedExit) {
      throw new PullplanException("the demo step `pullplan " + args[0] + "` exited with " + exit + ", expected " + expectedExit);
    }
  }

  private void step(int n, String what) {
    console.out().println();
    console.out().println("=== Step " + n + ": " + what);
  }

  private void say(String line) {
    console.out().println(line);
  }

  /** The example ships inside the jar, so the demo works from the jar alone. */
  private static Path copyExample(Path target) throws IOException {
    Files.createDirectories(target);
    for (String file : new String[] {"main.pullplan.hcl"}) {
      try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/" + EXAMPLE + "/" + file)) {
        if (in == null) {
          throw new PullplanException("this pullplan build lacks the bundled example " + EXAMPLE);
        }
        Files.copy(in, target.resolve(file));
      }
    }
    return target;
  }
}
