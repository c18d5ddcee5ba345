package dev.pullplan.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullplan.PullplanException;
import dev.pullplan.context.Run;
import dev.pullplan.provider.registry.RegistryClient;
import dev.pullplan.json.Json;
import dev.pullplan.spi.PodPulls;
import dev.pullplan.state.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "doctor", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Find the pods of the config's clusters whose images do not pull (ErrImagePull, "
        + "ImagePullBackOff), read their status and the kubelet's events, and name the cause with its evidence "
        + "and the fix: a Secret missing in the namespace (and where it exists), a Secret neither the pod nor its "
        + "ServiceAccount references, a pod admitted before its ServiceAccount listed the Secret, credentials the "
        + "registry rejects (with the password's end from state), a login not allowed on the repository, a tag or "
        + "digest that does not exist (with the nearest tags), a registry that cannot be reached.",
        "",
        "Where the pod carries a login, the registry is asked with exactly that login, so the cause is the "
            + "registry's answer now. Changes nothing."},
    footer = {"", "Exit codes: 0 no pod fails to pull, 2 pods fail to pull (each diagnosed), 1 error "
        + "(a cluster could not be read)."})
final class DoctorCommand implements Callable<Integer> {
  static final int PODS_FAILING = 2;

  private final Console console;

  @Mixin CommonOptions common;
  @Mixin VariableOptions vars;
  @Mixin StateOptions state;

  @Option(names = {"--cluster", "-cluster"}, paramLabel = "CLUSTER",
      description = "Only this cluster block (default: every cluster of the config).")
  Optional<String> cluster;

  @Option(names = {"--namespace", "-namespace", "-n"}, paramLabel = "NAMESPACE",
      description = "Only pods of this namespace (default: all namespaces).")
  Optional<String> namespace;

  @Option(names = {"--format", "-format"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default) or json.")
  String format;

  DoctorCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    if (!List.of("text", "json").contains(format)) {
      throw new PullplanException("--format is text or json, not " + format);
    }
    Printer printer = new Printer(console, common);
    List<PullDiagnosis> found = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    try (Workspace ws = Workspace.open(console, printer, common, vars, state)) {
      Optional<State> current = ws.backend().read();
      List<String> clusters = new ArrayList<>(ws.stack().clusters().keySet());
      if (cluster.isPresent()) {
        if (!clusters.contains(cluster.get())) {
          throw new PullplanException("no cluster \"" + cluster.get() + "\" in the config; clusters: "
              + String.join(", ", clusters));
        }
        clusters = List.of(cluster.get());
      }
      try (Run run = ws.engine().open(ws.stack())) {
        PodPulls pods = run.service(PodPulls.class)
            .orElseThrow(() -> new PullplanException("no provider can read pods (the kubernetes provider is missing)"));
        PullDoctor doctor = new PullDoctor(pods, RegistryClient.withDefaults(run.httpLog()), ws.stack(), current, run.clock().instant());
        for (String c : clusters) {
          try {
            for (PodPulls.FailingPod pod : pods.failingPods(ws.stack().cluster(c), namespace)) {
              found.add(doctor.diagnose(c, pod));
            }
          } catch (PullplanException e) {
            unreadable.add("cluster " + c + ": " + e.getMessage());
          }
        }
      }
    }
    printer.print(format.equals("json") ? json(found, unreadable) : text(found, unreadable));
    return !unreadable.isEmpty() ? ExitCodes.ERROR : found.isEmpty() ? ExitCodes.OK : PODS_FAILING;
  }

  static String text(List<PullDiagnosis> found, List<String> unreadable) {
    StringBuilder out = new StringBuilder();
    for (PullDiagnosis d : found) {
      out.append(d.cluster()).append('/').append(d.namespace()).append('/').append(d.pod()).append(" (")
          .append(d.container()).append(": ").append(d.image()).append(")\n");
      out.append("  cause:    ").append(d.cause()).append(": ").append(d.summary()).append('\n');
      for (String e : d.evidence()) {
        out.append("  evidence: ").append(e).append('\n');
      }
      out.append("  fix:      ").append(d.fix()).append("\n\n");
    }
    unreadable.forEach(u -> out.append("Error: ").append(u).append('\n'));
    out.append(found.isEmpty() ? "No pod fails to pull its image." : found.size() + " pod container(s) fail to pull.")
        .append('\n');
    return out.toString();
  }

  static String json(List<PullDiagnosis> found, List<String> unreadable) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ArrayNode pods = root.putArray("pods");
    for (PullDiagnosis d : found) {
      ObjectNode p = pods.addObject().put("cluster", d.cluster()).put("namespace", d.namespace()).put("pod", d.pod())
          .put("container", d.container()).put("image", d.image()).put("cause", d.cause()).put("summary", d.summary());
      d.evidence().forEach(p.putArray("evidence")::add);
      p.put("fix", d.fix());
    }
    unreadable.forEach(root.putArray("errors")::add);
    return Json.write(root) + "\n";
  }
}
