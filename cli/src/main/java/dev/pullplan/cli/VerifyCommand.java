package dev.pullplan.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullplan.PullplanException;
import dev.pullplan.json.Json;
import dev.pullplan.context.Run;
import dev.pullplan.state.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Prove, with the registry's own answer, that pods can pull: for every Secret pullplan manages "
        + "and every ServiceAccount that lists it, read the credential from the cluster, log in to the registry "
        + "with it and HEAD the access's probe_image (without one, only the login is checked). A credential "
        + "whose password ends within renew_before is a warning. Changes nothing.",
        "",
        "A ServiceAccount's other imagePullSecrets with a login for the same registry are checked too. Without a "
            + "probe_image, an ACR token is checked on the first repository of its scope map (its tag list), any other "
            + "credential by its login alone. The node identity of `attach` accesses has no login to try (skipped).",
        "",
        "Also run by `pullplan apply --verify` (after the apply) and `pullplan drift --verify` (nightly)."},
    footer = {"", "Exit codes: 0 every check passed, 1 a check failed or could not run."})
final class VerifyCommand implements Callable<Integer> {
  private final Console console;

  @Mixin CommonOptions common;
  @Mixin VariableOptions vars;
  @Mixin StateOptions state;

  @Option(names = {"--format", "-format"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text (a table, default), json, markdown (a table for a pull request or a chat) or junit "
          + "(one test case per check, failing when the check fails).")
  String format;

  @Option(names = {"--parallelism", "-parallelism"}, paramLabel = "N", defaultValue = "10",
      description = "How many checks run at once (default: ${DEFAULT-VALUE}).")
  int parallelism;

  VerifyCommand(Console console) {
    this.console = console;
  }

  /** One row: where a pod would run, with what, and what the registry said. */
  record Check(String cluster, String namespace, String serviceAccount, String credential, String repository,
      String result, String reason) {
    boolean failed() {
      return result.equals("fail");
    }
  }

  @Override
  public Integer call() {
    if (!List.of("text", "json", "markdown", "junit").contains(format)) {
      throw new PullplanException("--format is text, json, markdown or junit, not " + format);
    }
    if (parallelism < 1) {
      throw new PullplanException("--parallelism must be at least 1");
    }
    Printer printer = new Printer(console, common);
    List<Check> checks;
    try (Workspace ws = Workspace.open(console, printer, common, vars, state)) {
      State current = ws.backend().read().orElseThrow(() -> new PullplanException(
          "nothing to verify: no state in " + ws.backend().describe() + " (run `pullplan apply` first)"));
      try (Run run = ws.engine().open(ws.stack())) {
        checks = new PullVerifier(parallelism, run.httpLog()).verify(run, current);
      }
    }
    printer.print(switch (format) {
      case "json" -> json(checks);
      case "markdown" -> markdown(checks);
      case "junit" -> junit(checks);
      default -> table(checks);
    });
    return checks.stream().anyMatch(Check::failed) ? ExitCodes.ERROR : ExitCodes.OK;
  }

  /**
   * {@code apply --verify} and {@code drift --verify}: the same checks on the state just written
   * (or read), printed as a table to {@code out}. Returns whether every check passed.
   */
  static boolean after(Workspace ws, java.io.PrintStream out, int parallelism) {
    Optional<State> current = ws.backend().read();
    if (current.isEmpty()) {
      out.println("Verify: nothing to verify, the state is empty.");
      return true;
    }
    List<Check> checks;
    try (Run run = ws.engine().open(ws.stack())) {
      checks = new PullVerifier(parallelism, run.httpLog()).verify(run, current.get());
    }
    out.print("\n" + table(checks));
    return checks.stream().noneMatch(Check::failed);
  }

  static String table(List<Check> checks) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"CLUSTER", "NAMESPACE", "SERVICE ACCOUNT", "CREDENTIAL", "REPOSITORY", "RESULT", "REASON"});
    checks.forEach(c -> rows.add(new String[] {c.cluster(), c.namespace(), c.serviceAccount(), c.credential(),
        c.repository(), c.result(), c.reason()}));
    int[] widths = new int[6];
    for (String[] row : rows) {
      for (int i = 0; i < 6; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      for (int i = 0; i < 6; i++) {
        out.append(String.format("%-" + widths[i] + "s  ", row[i]));
      }
      out.append(row[6]).append('\n');
    }
    long failed = checks.stream().filter(Check::failed).count();
    out.append('\n').append(failed == 0 ? "Verify passed: " + checks.size() + " check(s)."
        : "Verify failed: " + failed + " of " + checks.size() + " check(s).").append('\n');
    return out.toString();
  }

  static String markdown(List<Check> checks) {
    long failed = checks.stream().filter(Check::failed).count();
    StringBuilder out = new StringBuilder(failed == 0 ? "**Verify passed:** " + checks.size() + " check(s).\n\n"
        : "**Verify failed:** " + failed + " of " + checks.size() + " check(s).\n\n");
    out.append("| cluster | namespace | service account | credential | repository | result | reason |\n");
    out.append("|---|---|---|---|---|---|---|\n");
    for (Check c : checks) {
      out.append("| ").append(String.join(" | ", cell(c.cluster()), cell(c.namespace()), cell(c.serviceAccount()),
          cell(c.credential()), cell(c.repository()), c.failed() ? "**fail**" : c.result(), cell(c.reason())))
          .append(" |\n");
    }
    return out.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  /** One test suite, one test case per check: CI dashboards show a pull that would fail as a failed test. */
  static String junit(List<Check> checks) {
    long failed = checks.stream().filter(Check::failed).count();
    long skipped = checks.stream().filter(c -> c.result().equals("skipped")).count();
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<testsuite name=\"pullplan verify\" tests=\"").append(checks.size()).append("\" failures=\"")
        .append(failed).append("\" skipped=\"").append(skipped).append("\">\n");
    for (Check c : checks) {
      out.append("  <testcase classname=\"").append(xml(c.cluster() + "/" + c.namespace())).append("\" name=\"")
          .append(xml(c.serviceAccount() + " pulls " + c.repository() + " as " + c.credential())).append('"');
      if (c.failed()) {
        out.append(">\n    <failure message=\"").append(xml(c.reason())).append("\"/>\n  </testcase>\n");
      } else if (c.result().equals("skipped")) {
        out.append(">\n    <skipped message=\"").append(xml(c.reason())).append("\"/>\n  </testcase>\n");
      } else {
        out.append("/>\n");
      }
    }
    return out.append("</testsuite>\n").toString();
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  static String json(List<Check> checks) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("passed", checks.stream().noneMatch(Check::failed));
    ArrayNode rows = root.putArray("checks");
    for (Check c : checks) {
      rows.addObject().put("cluster", c.cluster()).put("namespace", c.namespace())
          .put("service_account", c.serviceAccount()).put("credential", c.credential())
          .put("repository", c.repository()).put("result", c.result()).put("reason", c.reason());
    }
    return Json.write(root) + "\n";
  }
}
