package dev.pullplan.run;

import dev.pullplan.context.Run;
import dev.pullplan.context.ProviderRegistry;
import dev.pullplan.context.RunReporter;
import dev.pullplan.apply.Applier;
import dev.pullplan.apply.ApplyResult;
import dev.pullplan.apply.StateRecorder;
import dev.pullplan.model.Stack;
import dev.pullplan.plan.Plan;
import dev.pullplan.plan.PlanMode;
import dev.pullplan.plan.PlanOptions;
import dev.pullplan.plan.Locators;
import dev.pullplan.plan.Planner;
import dev.pullplan.plan.StateMoves;
import dev.pullplan.state.Provenance;
import dev.pullplan.state.State;
import dev.pullplan.state.StateBackend;
import dev.pullplan.state.StateLock;
import dev.pullplan.PullplanException;
import dev.pullplan.address.Address;
import dev.pullplan.expand.DesiredResource;
import dev.pullplan.expand.Expander;
import dev.pullplan.expand.Expansion;
import dev.pullplan.expand.Resolver;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.Importable;
import dev.pullplan.spi.Observed;
import dev.pullplan.spi.ReadRequest;
import dev.pullplan.spi.ResourceHandler;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.spi.RunOptions;
import java.time.Clock;
import java.util.List;
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
  private final dev.pullplan.spi.HttpLog httpLog;

  public Engine(ProviderRegistry registry, StateBackend backend, Clock clock, Map<String, String> environment, RunReporter reporter) {
    this(registry, backend, clock, environment, reporter, dev.pullplan.spi.HttpLog.OFF);
  }

  /** As the other constructor, the runs' providers logging their HTTP calls to {@code httpLog}. */
  public Engine(ProviderRegistry registry, StateBackend backend, Clock clock, Map<String, String> environment, RunReporter reporter,
      dev.pullplan.spi.HttpLog httpLog) {
    this.httpLog = httpLog;
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
    return open(stack, RunOptions.DEFAULTS);
  }

  /**
   * Opens a run for {@code stack}, its name settled against the state's record.
   *
   * @throws PullplanException when the config declares another stack name than state recorded
   */
  public Run open(Stack stack, RunOptions options) {
    String name = StackIdentity.resolve(stack, backend.read(), backend.describe());
    return new Run(stack, name, registry, clock, environment, reporter, options, httpLog);
  }

  /** Refreshes and diffs. Takes no lock: a plan changes nothing. */
  public Plan plan(Run run, PlanOptions options) {
    Optional<State> stored = backend.read();
    State base = stored.orElseGet(() -> State.empty(State.newLineage()));
    StateMoves.Result moved = StateMoves.apply(base, run.stack().moved());
    return new Planner(run, options).plan(moved.state(), stored.isPresent()).withMoves(moved.moves());
  }

  /**
   * Applies {@code plan} under the state lock, after checking that neither the state nor the
   * config moved on since it was made.
   */
  public ApplyResult apply(Run run, Plan plan, int parallelism, Duration lockTimeout, Optional<Provenance> provenance) {
    String operation = plan.mode() == PlanMode.DESTROY ? "destroy" : "apply";
    try (StateLock lock = backend.lock(operation, lockTimeout)) {
      return applyHoldingLock(run, plan, parallelism, provenance, () -> false);
    }
  }

  /**
   * As {@link #apply}, for a caller that already holds the state lock (the CLI takes it before
   * refresh, as Terraform does) or that was told not to lock ({@code -lock=false}).
   *
   * @param stopRequested asked before each change starts; once true, no new change starts
   */
  public ApplyResult applyHoldingLock(Run run, Plan plan, int parallelism, Optional<Provenance> provenance,
      java.util.function.BooleanSupplier stopRequested) {
    checkFresh(plan, run.stack());
    StateRecorder recorder = new StateRecorder(backend, plan.refreshed().withRun(run.stackName(), run.stack().digest(), provenance),
        type -> run.handler(type).ephemeral());
    if (plan.mode() == PlanMode.REFRESH_ONLY || !plan.baseExisted() || !plan.drifted().isEmpty()
        || !plan.adopted().isEmpty() || !plan.forgotten().isEmpty() || !plan.moves().isEmpty()) {
      recorder.write(recorder.current());
    }
    try {
      ApplyResult result = new Applier(run, recorder, parallelism, stopRequested).apply(plan);
      run.applied();
      return result;
    } finally {
      // a whole state at the end, so no journal is left for readers to replay
      recorder.finish();
    }
  }

  /**
   * Brings an existing object under management ({@code pullplan import ADDRESS ID}): reads it by
   * the id the user gives and records it in state, so the next plan is a no-op when it matches the
   * config.
   */
  public ResourceState importResource(Run run, Address address, String id, Duration lockTimeout) {
    Expansion expansion = new Expander(run.stack(), run.stackName(), run::namespacesMatching, run::derived).expand();
    DesiredResource desired = expansion.resource(address).orElseThrow(() -> new PullplanException(address
        + " is not in the configuration: write the access or namespace block it belongs to first, then import"));
    ResourceHandler handler = run.handler(desired.type());
    if (!(handler instanceof Importable importable)) {
      throw new PullplanException(address + " (" + desired.type() + ") cannot be imported: " + handler.whyNotImportable());
    }
    try (StateLock lock = backend.lock("import", lockTimeout)) {
      State current = backend.read().orElseGet(() -> State.empty(State.newLineage()));
      if (current.resource(address).isPresent()) {
        throw new PullplanException(address + " is already managed by pullplan; `pullplan state rm " + address
            + "` first if you mean to import another object in its place");
      }
      Resolver resolver = Resolver.fromStates(current::resource);
      ReadRequest request = new ReadRequest(address, desired.type(), Optional.of(resolver.resolve(desired)), Optional.empty());
      Observed seen = importable.importById(request, id);
      if (!(seen instanceof Observed.Present present)) {
        throw new PullplanException("cannot import " + id + " as " + address + ": " + describe(seen)
            + " (a " + desired.type() + " is imported by " + importable.idFormat() + ")");
      }
      // as an apply records it: with how to reach it, or its block's removal could not reach it to plan the removal
      ResourceState imported = new ResourceState(address, desired.type(), run.providerName(desired.type()), present.id(),
          Locators.carried(handler.locators(), present.attributes(), Optional.empty(),
              request.desired().map(Desired::attributes)),
          present.sensitive(), List.copyOf(desired.dependsOn()));
      StateRecorder recorder = new StateRecorder(backend, current, type -> run.handler(type).ephemeral());
      recorder.record(address, Optional.of(imported));
      recorder.finish();
      return imported;
    }
  }

  private static String describe(Observed seen) {
    if (seen instanceof Observed.Foreign f) {
      return f.description();
    }
    if (seen instanceof Observed.Unreadable u) {
      return u.message();
    }
    return "no such object";
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
