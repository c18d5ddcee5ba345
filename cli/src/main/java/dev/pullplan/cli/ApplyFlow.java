package dev.pullplan.cli;

import dev.pullplan.PullplanException;
import dev.pullplan.diag.Diagnostic;
import dev.pullplan.apply.ApplyResult;
import dev.pullplan.plan.Plan;
import dev.pullplan.plan.PlanMode;
import dev.pullplan.plan.PlanOptions;
import dev.pullplan.plan.Summary;
import dev.pullplan.render.TextPlanRenderer;
import dev.pullplan.run.Engine;
import dev.pullplan.context.Run;
import dev.pullplan.spi.RunOptions;
import dev.pullplan.state.Provenance;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Plan, show, ask, apply: what `apply` and `destroy` share. */
final class ApplyFlow {
  private final Console console;
  private final Printer printer;
  private final Workspace workspace;
  private final Optional<Provenance> provenance;

  /** With {@code -json}: the event stream that replaces the text on standard output. */
  private Optional<JsonEvents> events = Optional.empty();

  ApplyFlow(Console console, Printer printer, Workspace workspace) {
    this.console = console;
    this.printer = printer;
    this.workspace = workspace;
    this.provenance = readProvenance(workspace, printer);
  }

  /** {@code -json}: standard output carries one JSON event a line instead of text. */
  ApplyFlow json(boolean json) {
    if (json) {
      JsonEvents stream = new JsonEvents(console.out(), java.time.Clock.systemUTC());
      stream.version();
      events = Optional.of(stream);
    }
    return this;
  }

  /** The engine, reporting progress as text or as events. */
  Engine engine() {
    return events.map(workspace::engine).orElseGet(workspace::engine);
  }

  void show(Plan plan) {
    if (events.isPresent()) {
      events.get().planned(plan);
      plan.problems().forEach(p -> events.get().error(p.address() + ": " + p.message()));
    } else {
      printer.print(new TextPlanRenderer(printer.style()).render(plan));
    }
  }

  private void outputs() {
    if (events.isPresent()) {
      events.get().outputs(workspace.stack());
    } else {
      printer.print(OutputValues.section(workspace.stack()));
    }
  }

  /**
   * Provenance is a record, not a precondition: a work tree git cannot read is a warning, and the
   * apply goes on without it (unless --require-clean, which then refuses).
   */
  private static Optional<Provenance> readProvenance(Workspace workspace, Printer printer) {
    try {
      return workspace.provenance();
    } catch (PullplanException e) {
      printer.warning(e.getMessage() + "; state will not record the commit applied");
      return Optional.empty();
    }
  }

  /** For {@code --require-clean}: state must be able to name the commit the applied config is. */
  void requireClean() {
    Path dir = workspace.stack().dir();
    if (provenance.isEmpty()) {
      throw new PullplanException("--require-clean: the configuration directory " + dir + " is not in a git work tree"
          + " with at least one commit, so what is applied could not be traced to a commit");
    }
    if (provenance.get().dirty()) {
      throw new PullplanException("--require-clean: the git work tree of " + dir + " has uncommitted changes"
          + " (commit " + provenance.get().commit().substring(0, 12) + provenance.get().branch().map(b -> " on " + b).orElse("")
          + "); commit or stash them, so the state records exactly what was applied");
    }
  }

  /**
   * Takes the state lock (before refresh, as Terraform, so a second run waits or fails at once
   * instead of planning from a half-written state), plans, shows the plan, asks for `yes` unless
   * approved in advance, and applies.
   */
  int planAndApply(PlanOptions options, RunOptions runOptions, boolean autoApprove, boolean input, LockFlag lockFlag,
      Duration lockTimeout) {
    if (!autoApprove && events.isPresent()) {
      throw new PullplanException("-json gives no chance to approve: add -auto-approve, or apply a saved plan"
          + " (pullplan plan -out FILE, then pullplan apply -json FILE)");
    }
    if (!autoApprove && (!input || !console.terminal())) {
      boolean destroy = options.mode() == PlanMode.DESTROY;
      String verb = destroy ? "destroy" : "apply";
      throw new PullplanException(verb + " needs approval and there is "
          + (input ? "no terminal to ask at" : "no asking with --input=false") + ": run `pullplan " + verb
          + " --auto-approve`, or save a plan with `pullplan plan " + (destroy ? "--destroy " : "")
          + "--out FILE` and run `pullplan apply FILE`.");
    }
    String operation = options.mode() == PlanMode.DESTROY ? "destroy" : "apply";
    Engine engine = engine();
    try (LockFlag.Held lock = lockFlag.take(workspace.backend(), operation, lockTimeout);
        Interrupts.Guard guard = guard(operation, lock);
        Run run = engine.open(workspace.stack(), runOptions)) {
      Plan plan = engine.plan(run, options);
      show(plan);
      if (plan.hasProblems()) {
        printer.error("some resources could not be planned; nothing was applied.");
        return ExitCodes.ERROR;
      }
      if (!plan.hasChanges()) {
        reencryptIfReadWithFallback();
        if (options.mode() != PlanMode.DESTROY) {
          outputs();
        }
        return ExitCodes.OK;
      }
      if (guard.stopRequested()) {
        printer.error("interrupted before anything was applied: nothing was changed.");
        return ExitCodes.ERROR;
      }
      if (!autoApprove && !confirmed(options.mode())) {
        printer.println("Apply cancelled: nothing was changed.");
        return ExitCodes.ERROR;
      }
      return apply(engine, run, plan, options.parallelism(), guard);
    }
  }

  /** An interrupt guard for {@code operation}; a second interrupt releases {@code lock} before stopping. */
  Interrupts.Guard guard(String operation, LockFlag.Held lock) {
    Interrupts.Guard guard = Interrupts.guard(operation, console.err());
    guard.onStopAtOnce(lock::close);
    return guard;
  }

  /** Applies {@code plan}; the caller holds the state lock (or was told not to take it) and the interrupt guard. */
  int apply(Engine engine, Run run, Plan plan, int parallelism, Interrupts.Guard guard) {
    if (plan.hasProblems()) {
      throw new PullplanException("the plan has errors and cannot be applied; fix them and plan again.");
    }
    ApplyResult result = engine.applyHoldingLock(run, plan, parallelism, provenance, guard::stopRequested);
    // the plan shown above printed its own; these are the ones raised while applying
    for (String w : run.warnings()) {
      if (!plan.warnings().contains(w)) {
        printer.warning(w);
      }
    }
    events.ifPresent(e -> result.failures().forEach(e::failure));
    if (guard.stopRequested()) {
      printer.error("interrupted: " + result.applied().size() + " change(s) were made and recorded in state; "
          + result.skipped().size() + " did not start. Run `pullplan " + (plan.mode() == PlanMode.DESTROY ? "destroy" : "apply")
          + "` again to finish.");
      result.failures().forEach(f -> console.err().println("  " + f.headline()));
      result.skipped().forEach(a -> console.err().println("  " + a + ": not started"));
      return ExitCodes.ERROR;
    }
    if (!result.succeeded()) {
      printer.error("apply failed; " + result.applied().size() + " change(s) were made and recorded in state.");
      for (Diagnostic f : result.failures()) {
        console.err().println("  " + f.headline());
      }
      result.skipped().forEach(a -> console.err().println("  " + a + ": not applied (depends on a failed change)"));
      return ExitCodes.ERROR;
    }
    Summary s = plan.summary();
    String what = plan.mode() == PlanMode.REFRESH_ONLY
        ? "state updated to what exists."
        : "Resources: " + s.add() + " added, " + s.change() + " changed, " + s.destroy() + " destroyed, " + s.rotate() + " rotated.";
    if (events.isPresent()) {
      events.get().summary(plan, plan.mode() == PlanMode.DESTROY ? "destroy" : "apply");
    } else {
      printer.println(printer.style().green(plan.mode() == PlanMode.DESTROY ? "Destroy complete!" : "Apply complete!") + " " + what);
    }
    reencryptIfReadWithFallback();
    if (plan.mode() != PlanMode.DESTROY) {
      outputs();
    }
    return ExitCodes.OK;
  }

  /** Key rotation: a state only a fallback key opened is written again with the primary (under the held lock). */
  private void reencryptIfReadWithFallback() {
    StateReencryption.ifReadWithFallback(workspace.backend(), workspace.keyring()).ifPresent(console.err()::println);
  }

  private boolean confirmed(PlanMode mode) {
    printer.println(mode == PlanMode.DESTROY
        ? "Do you really want to destroy all pull access pullplan manages in this stack?"
        : "Do you want to perform these actions?");
    printer.print("  Only 'yes' will be accepted to approve.\n\n  Enter a value: ");
    return console.readLine().map(String::trim).filter("yes"::equals).isPresent();
  }
}
