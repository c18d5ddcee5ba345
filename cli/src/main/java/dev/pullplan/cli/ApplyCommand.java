package dev.pullplan.cli;

import dev.pullplan.run.StalePlanException;
import dev.pullplan.PullplanException;
import dev.pullplan.plan.Plan;
import dev.pullplan.plan.PlanFile;
import dev.pullplan.run.Engine;
import dev.pullplan.context.Run;
import dev.pullplan.spi.RunOptions;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "apply", mixinStandardHelpOptions = true,
    description = {"Apply a saved plan, or plan, ask for 'yes' and apply.",
        "State is written after every single change. Exit code 0 on success, 1 on error."})
final class ApplyCommand extends StackCommand {
  @Mixin PlanFlags flags;
  @Mixin LockFlag lock;

  @Parameters(arity = "0..1", paramLabel = "PLANFILE",
      description = "A plan saved with `pullplan plan --out`: applied exactly, refused if state or config moved on.")
  Path planFile;

  @Option(names = {"--auto-approve", "-auto-approve"}, description = "Apply without asking.")
  boolean autoApprove;

  @Option(names = {"--json", "-json"}, description = "Print one JSON event a line (planned changes, each change's start"
      + " and end, the summary, the outputs), as terraform apply -json; needs --auto-approve or a PLANFILE.")
  boolean json;

  @Option(names = {"--input", "-input"}, arity = "1", defaultValue = "true", paramLabel = "BOOL",
      description = "Ask for approval at the terminal (default: ${DEFAULT-VALUE}); with false, never prompt.")
  boolean input;

  @Option(names = {"--restart-stale", "-restart-stale"},
      description = "After a ServiceAccount gains the pull secret, restart the Deployments, StatefulSets and DaemonSets"
          + " whose pods were admitted without it and fail to pull (kubectl rollout restart). Default: only warn.")
  boolean restartStale;

  @Option(names = {"--require-clean", "-require-clean"},
      description = "Refuse to apply unless the config directory is in a git work tree without uncommitted changes"
          + " (for pipelines: state then names exactly the commit applied).")
  boolean requireClean;

  @Option(names = {"--verify", "-verify"},
      description = "After a successful apply, run `pullplan verify`: log in to the registry with every Secret as the"
          + " cluster holds it and HEAD the probe image; exit 1 when a check fails. Default: off.")
  boolean verify;

  ApplyCommand(Console console) {
    super(console);
  }

  @Override
  void before(Printer printer) {
    if (planFile != null && (!flags.targets.isEmpty() || !flags.replace.isEmpty() || flags.refreshOnly)) {
      throw new PullplanException("--target, --replace and --refresh-only shape a new plan; a saved plan is applied"
          + " exactly as it was made. Give them to `pullplan plan --out FILE` instead.");
    }
  }

  @Override
  boolean compactWarnings() {
    return flags.compactWarnings;
  }

  @Override
  int execute(Workspace ws) {
    Printer printer = ws.printer();
    ApplyFlow flow = new ApplyFlow(console, printer, ws).json(json);
    if (requireClean) {
      flow.requireClean();
    }
    int applied = applyOnly(ws, flow);
    if (verify && applied == ExitCodes.OK) {
      // progress and events stay machine-readable with --json: the table goes to standard error then
      return VerifyCommand.after(ws, json ? console.err() : console.out(), flags.parallelism)
          ? ExitCodes.OK : ExitCodes.ERROR;
    }
    return applied;
  }

  private int applyOnly(Workspace ws, ApplyFlow flow) {
    if (planFile == null) {
      return flow.planAndApply(flags.options(false), new RunOptions(restartStale), autoApprove, input, lock, state.lockTimeout);
    }
    Plan plan = new PlanFile(ws.keyring()).read(common.resolve(planFile));
    try (LockFlag.Held held = lock.take(ws.backend(), "apply", state.lockTimeout);
        Interrupts.Guard guard = flow.guard("apply", held)) {
      Engine engine = flow.engine();
      try (Run run = engine.open(ws.stack(), new RunOptions(restartStale))) {
        flow.show(plan);
        try {
          return flow.apply(engine, run, plan, flags.parallelism, guard);
        } catch (StalePlanException e) {
          throw stale(e);
        }
      }
    }
  }

  /**
   * A saved plan is applied exactly as it was made or not at all: when the state or config moved
   * on (another run changed state while this one waited for the lock), say so and how to re-plan.
   */
  private StalePlanException stale(StalePlanException e) {
    String why = e.getMessage().replaceFirst("\\s*Run `pullplan plan` again\\.?$", "");
    return new StalePlanException("the saved plan " + planFile + " is stale and was not applied: " + why
        + ". Make a new plan with `pullplan plan --out " + planFile + "` and apply that, or run `pullplan apply`"
        + " without a plan file, which plans afresh once it holds the lock.");
  }
}
