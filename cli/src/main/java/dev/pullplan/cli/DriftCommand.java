package dev.pullplan.cli;

import dev.pullplan.PullplanException;
import dev.pullplan.drift.DriftReport;
import dev.pullplan.plan.Plan;
import dev.pullplan.plan.PlanMode;
import dev.pullplan.plan.PlanOptions;
import dev.pullplan.render.Style;
import dev.pullplan.spi.RunOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "drift", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Compare the state, the config and what exists, and report every difference: objects changed "
        + "or deleted outside pullplan, objects that exist but are not in state, config changes not applied yet, "
        + "credentials due for rotation. Changes nothing, takes no lock and never writes state, so it can run "
        + "while an apply holds the lock.",
        "",
        "Several reports in one run: repeat --format, each followed by its own --output, e.g.",
        "  pullplan drift --format junit --output drift.xml --format markdown --output drift.md --format text",
        "At most one report goes to standard output."},
    footer = {"", "Exit codes: 0 no drift, 2 drift or pending changes, 1 error (also when a resource could not "
        + "be checked; the reports are still written)."})
final class DriftCommand extends StackCommand {

  @ArgGroup(exclusive = false, multiplicity = "0..*")
  List<Report> reports = new ArrayList<>();

  @Option(names = {"--parallelism", "-parallelism"}, paramLabel = "N", defaultValue = "10",
      description = "How many reads run at once (default: ${DEFAULT-VALUE}).")
  int parallelism;

  /** One report: a format and where it goes. */
  static final class Report {
    @Option(names = {"--format", "-format"}, paramLabel = "FORMAT",
        description = "text (default), json (schema/drift.schema.json), markdown (for an issue or a chat) "
            + "or junit (JUnit XML: one test case per resource, a failure for each drift). Repeatable.")
    DriftFormat format = DriftFormat.TEXT;

    @Option(names = {"--output", "-output", "-o"}, paramLabel = "FILE",
        description = "Write the report given by the --format before it to FILE (default: standard output).")
    Path output;

    /** Picocli cannot default an {@code Optional} inside a repeating group, hence the nullable field. */
    Optional<Path> output() {
      return Optional.ofNullable(output);
    }
  }

  @Option(names = {"--verify", "-verify"},
      description = "Also run `pullplan verify` (registry login and probe-image HEAD with every managed Secret) and"
          + " print its table after the reports (on standard error when a report is on standard output); exit 1"
          + " when a check fails. Default: off.")
  boolean verify;

  DriftCommand(Console console) {
    super(console);
  }

  @Option(names = {"--json", "-json"}, description = "The same as --format json (to standard output), as Terraform's -json.")
  boolean json;

  private List<Report> wanted() {
    List<Report> out = new ArrayList<>(reports);
    if (json) {
      Report onStdout = new Report();
      onStdout.format = DriftFormat.JSON;
      out.add(onStdout);
    }
    return out.isEmpty() ? List.of(new Report()) : out;
  }

  /** Drift reports are documents (JSON, JUnit, Markdown), often on standard output: progress stays out of them. */
  @Override
  java.io.PrintStream progress() {
    return console.err();
  }

  @Override
  void before(Printer printer) {
    checkDestinations(wanted(), common);
  }

  @Override
  int execute(Workspace ws) {
    List<Report> wanted = wanted();
    Printer printer = ws.printer();
    Plan plan = inRun(ws, RunOptions.DEFAULTS,
        (engine, run) -> engine.plan(run, new PlanOptions(PlanMode.NORMAL, List.of(), List.of(), parallelism)));
    DriftReport report = DriftReport.of(plan);
    boolean stdoutUsed = false;
    for (Report r : wanted) {
      if (r.output().isPresent()) {
        write(common.resolve(r.output().get()), r.format.render(report, Style.PLAIN));
        console.err().println("Wrote the " + r.format.label() + " drift report to " + r.output().get());
      } else {
        printer.print(r.format.render(report, printer.style()));
        stdoutUsed = true;
      }
    }
    if (!stdoutUsed) {
      printer.println(report.summaryLine());
    }
    boolean pulls = !verify || VerifyCommand.after(ws,
        stdoutUsed && wanted.stream().anyMatch(r -> r.output().isEmpty() && r.format != DriftFormat.TEXT)
            ? console.err() : console.out(), parallelism);
    if (report.hasProblems() || !pulls) {
      return ExitCodes.ERROR;
    }
    return report.hasFindings() ? ExitCodes.CHANGES : ExitCodes.OK;
  }

  private static void checkDestinations(List<Report> wanted, CommonOptions common) {
    if (wanted.stream().filter(r -> r.output().isEmpty()).count() > 1) {
      throw new PullplanException("only one drift report can go to standard output; give the others --output FILE");
    }
    Set<Path> files = new HashSet<>();
    for (Report r : wanted) {
      if (r.output().isPresent() && !files.add(common.resolve(r.output().get()).toAbsolutePath().normalize())) {
        throw new PullplanException("two drift reports would be written to " + r.output().get());
      }
    }
  }

  private static void write(Path file, String content) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new PullplanException("cannot write the drift report to " + file + ": " + e.getMessage(), e);
    }
  }
}
