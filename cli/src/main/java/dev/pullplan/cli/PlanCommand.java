package dev.pullplan.cli;

import dev.pullplan.plan.Plan;
import dev.pullplan.plan.PlanFile;
import dev.pullplan.spi.RunOptions;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "plan", mixinStandardHelpOptions = true,
    description = {"Read what exists in Azure and the clusters and show what apply would change.",
        "Exit code 0 on success (with --detailed-exitcode: 0 no changes, 2 changes), 1 on error."})
final class PlanCommand extends StackCommand {
  @Mixin PlanFlags flags;
  @Mixin LockFlag lock;

  @Option(names = {"--out", "-out"}, paramLabel = "FILE", description = "Save the plan, for `pullplan apply FILE`.")
  Path out;

  @Option(names = {"--detailed-exitcode", "-detailed-exitcode"},
      description = "Exit 2 when there are changes, 0 when none, 1 on error.")
  boolean detailedExitcode;

  @Option(names = {"--input", "-input"}, arity = "1", defaultValue = "true", paramLabel = "BOOL",
      description = "Accepted for Terraform's CI templates: plan never prompts (variables come from --var,"
          + " --var-file, *.auto.pullplan.vars and PULLPLAN_VAR_name), so true and false behave alike.")
  boolean input;

  @Option(names = {"--destroy", "-destroy"}, description = "Plan the deletion of everything in state.")
  boolean destroy;

  @Mixin PlanFormatOptions output;

  PlanCommand(Console console) {
    super(console);
  }

  /** A JSON or Markdown plan on standard output must stay a clean document. */
  @Override
  java.io.PrintStream progress() {
    return output.chosen() == PlanFormat.TEXT ? console.out() : console.err();
  }

  @Override
  boolean compactWarnings() {
    return flags.compactWarnings;
  }

  @Override
  int execute(Workspace ws) {
    Printer printer = ws.printer();
    Plan plan;
    // as Terraform, plan holds the lock while it refreshes: it never shows a plan built from a state an apply is writing
    try (LockFlag.Held held = lock.take(ws.backend(), "plan", state.lockTimeout)) {
      plan = inRun(ws, RunOptions.DEFAULTS, (engine, run) -> engine.plan(run, flags.options(destroy)));
    }
    PlanFormat format = output.chosen();
    printer.print(format.render(plan, printer.style()));
    if (common.debug) {
      plan.apiCalls().forEach((call, n) -> console.err().println("api calls: " + call + " = " + n));
    }
    if (plan.hasProblems()) {
      printer.error(plan.problems().size() + " resource(s) could not be planned; see the errors above.");
      return ExitCodes.ERROR;
    }
    if (out != null) {
      new PlanFile(ws.keyring()).write(plan, common.resolve(out), printer::warning);
      String saved = "Saved the plan to " + out + ". To perform exactly these actions, run: pullplan apply " + out;
      // Only text output has room for the note; JSON and Markdown on stdout must stay clean documents.
      if (format == PlanFormat.TEXT) {
        printer.println("\n" + saved);
      } else {
        console.err().println(saved);
      }
    }
    return detailedExitcode && plan.hasChanges() ? ExitCodes.CHANGES : ExitCodes.OK;
  }
}
