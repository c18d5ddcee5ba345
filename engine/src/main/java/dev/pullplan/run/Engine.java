package dev.pullplan.run;

import dev.pullplan.apply.Applier;
import dev.pullplan.apply.ApplyResult;
import dev.pullplan.apply.StateRecorder;
import dev.pullplan.model.Stack;
import dev.pullplan.plan.Plan;
import dev.pullplan.plan.PlanMode;
import dev.pullplan.plan.PlanOptions;
import dev.pullplan.plan.Planner;
import dev.pullplan.state.Provenance;
import dev.pullplan.state.State;
import dev.pullplan.state.StateBackend;
import dev.pullplan.state.StateLock;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Plan and apply for one stack against one state backend: what every command (and the demo) is
 * made of.
 */
public final class Engine {
  private final ProviderRegistry registry;
  private final StateBackend backend;
  private final Clock clock;
  private final Map<String, String> environment;
  private final RunReporter reporter;

  public Engine(ProviderRegistry registry, StateBackend backend, Clock clock, Map<String, String> environment, RunReporter reporter) {
    this.registry = registry;
    this.backend = backend;
    this.clock = clock;
    this.environment = environment;
    this.reporter = reporter;
  }

  public StateBackend backend() {
    return backend;
  }

  public Run open(Stack stack) {
    return new Run(stack, registry, clock, environment, reporter);
  }

  /** Refreshes and diffs. Takes no lock: a plan changes nothing. */
  public Plan plan(Run run, PlanOptions options) {
    Optional<State> stored = backend.read();
    State base = stored.orElseGet(() -> State.empty(State.newLineage()));
    return new Planner(run, options).plan(base, stored.isPresent());
  }

  /**
   * Applies {@code plan} under the state lock, after checking that neither the state nor the
   * config moved on since it was made.
   */
  public ApplyResult apply(Run run, Plan plan, int parallelism, Duration lockTimeout, Optional<Provenance> provenance) {
    String operation = plan.mode() == PlanMode.DESTROY ? "destroy" : "apply";
    try (StateLock lock = backend.lock(operation, lockTimeout)) {
      checkFresh(plan, run.stack());
      StateRecorder recorder = new StateRecorder(backend, plan.refreshed().withRun(run.stack().digest(), provenance),
          type -> run.handler(type).ephemeral());
      if (plan.mode() == PlanMode.REFRESH_ONLY || !plan.baseExisted() || !plan.drifted().isEmpty()) {
        recorder.write(recorder.current());
      }
      return new Applier(run, recorder, parallelism).apply(plan);
    }
  }

  private void checkFresh(Plan plan, Stack stack) {
    Optional<State> current = backend.read();
    State base = plan.base();
    if (!plan.baseExisted()) {
      if (current.isPresent()) {
        throw new StalePlanException("the plan was made when there was no state, but "
            + backend.describe() + " now exists (serial " + current.get().serial() + ", lineage "
            + current.get().lineage() + "): the plan was already applied, or another run wrote state. Run `pullplan plan` again.");
      }
    } else if (current.isEmpty()) {
      throw new StalePlanException("the plan was made from state serial " + base.serial() + ", but "
          + backend.describe() + " no longer exists. Run `pullplan plan` again.");
    } else if (!current.get().lineage().equals(base.lineage())) {
      throw new StalePlanException("the plan was made for state lineage " + base.lineage() + ", but "
          + backend.describe() + " has lineage " + current.get().lineage()
          + ": it is a different state. Run `pullplan plan` again.");
    } else if (current.get().serial() != base.serial()) {
      throw new StalePlanException("the state moved on since the plan was made (plan: serial " + base.serial()
          + ", state now: serial " + current.get().serial() + "). Run `pullplan plan` again.");
    }
    if (!plan.configDigest().equals(stack.digest())) {
      throw new StalePlanException("the configuration changed since the plan was made"
          + " (a file or a variable value differs). Run `pullplan plan` again.");
    }
  }
}
