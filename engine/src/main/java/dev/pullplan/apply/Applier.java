package dev.pullplan.apply;

import dev.pullplan.diag.Diagnostic;
import dev.pullplan.PullplanException;
import dev.pullplan.address.Address;
import dev.pullplan.expand.DesiredResource;
import dev.pullplan.graph.DagWalk;
import dev.pullplan.plan.Action;
import dev.pullplan.plan.Change;
import dev.pullplan.plan.Locators;
import dev.pullplan.plan.Plan;
import dev.pullplan.expand.Resolver;
import dev.pullplan.context.Run;
import dev.pullplan.spi.ApplyContext;
import dev.pullplan.spi.Applied;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.ResourceHandler;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.spi.Rotatable;
import dev.pullplan.spi.RunContext;
import dev.pullplan.spi.Unknown;
import dev.pullplan.state.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Walks a plan's changes with the generic {@link DagWalk}: independent branches in parallel, each change after the
 * changes it depends on, a deletion after everything that used the object was deleted or moved
 * off it, and the old half of a
 * rotation retired only after every dependant uses the new credential. A failure stops the
 * changes that depend on it, not the unrelated ones; work in flight finishes.
 */
public final class Applier {
  private final Run run;
  private final StateRecorder recorder;
  private final int parallelism;
  /** What a change left behind for its retire step: an old password, the object a replacement superseded. */
  private final Map<Address, ResourceState> deposed = new ConcurrentHashMap<>();

  /** Asked before each change starts: true once the user interrupted (Ctrl-C); changes in flight finish. */
  private final BooleanSupplier stopRequested;

  public Applier(Run run, StateRecorder recorder, int parallelism) {
    this(run, recorder, parallelism, () -> false);
  }

  public Applier(Run run, StateRecorder recorder, int parallelism, BooleanSupplier stopRequested) {
    this.run = run;
    this.recorder = recorder;
    this.parallelism = Math.max(1, parallelism);
    this.stopRequested = stopRequested;
  }

  private enum Phase { CHANGE, RETIRE }

  /** One unit of work; a rotation or create-before-destroy replacement has two. */
  private record Step(Phase phase, Change change) {
    Address address() {
      return change.address();
    }

    @Override
    public String toString() {
      return phase == Phase.RETIRE ? change.address() + " (old credential)" : change.address().toString();
    }
  }

  public ApplyResult apply(Plan plan) {
    Map<Step, Set<Step>> prerequisites = order(plan.effectiveChanges(), plan.base());
    List<Address> applied = Collections.synchronizedList(new ArrayList<>());
    List<Diagnostic> failures = new ArrayList<>();
    DagWalk.Outcome<Step> outcome = new DagWalk<>(prerequisites, parallelism).walk(s -> execute(s, applied),
        new DagWalk.Listener<>() {
          @Override
          public void failed(Step s, Throwable cause) {
            String message = messageOf(cause);
            failures.add(Diagnostic.about(s.address().toString(), message, Optional.empty()));
            run.finished(s.toString(), "failed: " + message);
          }

          @Override
          public void skipped(Step s) {
            if (s.phase() == Phase.CHANGE && !stopRequested.getAsBoolean()) {
              run.progress(s + ": skipped, it depends on a change that failed");
            }
          }
        }, stopRequested);
    List<Address> skipped = outcome.skipped().stream().filter(s -> s.phase() == Phase.CHANGE).map(Step::address).toList();
    return new ApplyResult(List.copyOf(applied), List.copyOf(failures), skipped);
  }

  /** Which steps must finish before each step may start. */
  private static Map<Step, Set<Step>> order(List<Change> changes, State base) {
    Map<Address, Step> changeSteps = new LinkedHashMap<>();
    Map<Step, Set<Step>> prerequisites = new LinkedHashMap<>();
    for (Change c : changes) {
      Step s = new Step(Phase.CHANGE, c);
      changeSteps.put(c.address(), s);
      prerequisites.put(s, new LinkedHashSet<>());
    }
    for (Change c : changes) {
      Step s = changeSteps.get(c.address());
      if (c.action() == Action.DELETE) {
        // What used the object goes first: a secret is removed, or updated to hold another
        // credential, before the credential it held is deleted; running pulls never see a gap.
        for (Change other : changes) {
          if (other != c && used(other, c.address(), base)) {
            prerequisites.get(s).add(changeSteps.get(other.address()));
          }
        }
      } else {
        for (Address dep : c.desired().map(DesiredResource::dependsOn).orElse(Set.of())) {
          Step d = changeSteps.get(dep);
          if (d != null && d.change().action() != Action.DELETE) {
            prerequisites.get(s).add(d);
          }
        }
      }
    }
    for (Change c : changes) {
      // an update may leave an old password behind too (a new lifetime); a retire step with nothing
      // deposed does nothing
      if (c.action() == Action.ROTATE || c.action() == Action.UPDATE || c.action() == Action.CREATE_BEFORE_DESTROY) {
        Step retire = new Step(Phase.RETIRE, c);
        Set<Step> needs = new LinkedHashSet<>();
        needs.add(changeSteps.get(c.address()));
        for (Change other : changes) {
          if (other.desired().map(d -> d.dependsOn().contains(c.address())).orElse(false)) {
            needs.add(changeSteps.get(other.address()));
          }
        }
        prerequisites.put(retire, needs);
      }
    }
    return prerequisites;
  }

  /** Whether {@code user}, as state recorded it or as refresh found it, depends on {@code used}. */
  private static boolean used(Change user, Address used, State base) {
    return Stream.concat(user.prior().stream(), base.resource(user.address()).stream())
        .anyMatch(r -> r.dependsOn().contains(used));
  }

  private Step execute(Step step, List<Address> applied) {
    Change c = step.change();
    ResourceHandler handler = run.handler(c.type());
    Instant start = run.clock().instant();
    if (step.phase() == Phase.RETIRE) {
      ResourceState old = deposed.remove(c.address());
      if (old == null) {
        return step;
      }
      run.started(step.toString(), "removing...");
      if (c.action() == Action.CREATE_BEFORE_DESTROY) {
        handler.delete(old, context(c));
      } else {
        rotatable(handler, c).retire(old, context(c));
      }
      run.finished(step.toString(), "removed after " + elapsed(start));
      return step;
    }
    run.started(c.address().toString(), verb(c.action()) + "...");
    switch (c.action()) {
      case CREATE -> record(c, handler.create(resolve(c), context(c)));
      case UPDATE -> {
        Applied updated = handler.update(resolve(c), c.prior().orElseThrow(), context(c));
        updated.deposed().ifPresent(old -> deposed.put(c.address(), old));
        record(c, updated);
      }
      case ROTATE -> {
        Applied rotated = rotatable(handler, c).rotate(resolve(c), c.prior().orElseThrow(), context(c));
        rotated.deposed().ifPresent(old -> deposed.put(c.address(), old));
        record(c, rotated);
      }
      case REPLACE -> {
        handler.delete(c.prior().orElseThrow(), context(c));
        recorder.record(c.address(), Optional.empty());
        record(c, handler.create(resolve(c), context(c)));
      }
      case CREATE_BEFORE_DESTROY -> {
        ResourceState old = c.prior().orElseThrow();
        Applied created = handler.create(resolve(c), context(c));
        // a create that found the very object again (a deterministic name, as role assignments
        // have) replaced nothing: removing "the old one" would remove the live one
        if (!created.id().equalsIgnoreCase(old.id())) {
          deposed.put(c.address(), old);
        }
        record(c, created);
      }
      case DELETE -> {
        handler.delete(c.prior().orElseThrow(), context(c));
        recorder.record(c.address(), Optional.empty());
      }
      case NOOP -> { }
    }
    applied.add(c.address());
    String id = recorder.resource(c.address()).map(r -> " [id=" + r.id() + "]").orElse("");
    run.finished(c.address().toString(), done(c.action()) + " after " + elapsed(start) + id);
    return step;
  }

  private static Rotatable rotatable(ResourceHandler handler, Change c) {
    if (handler instanceof Rotatable r) {
      return r;
    }
    throw new IllegalStateException(c.type() + " cannot rotate, yet " + c.address() + " was planned to: " + c.action());
  }

  private Desired resolve(Change c) {
    Desired d = Resolver.fromStates(recorder::resource).resolve(c.desired().orElseThrow());
    for (Map<String, Object> values : List.of(d.attributes(), d.sensitive())) {
      for (Map.Entry<String, Object> e : values.entrySet()) {
        if (e.getValue() instanceof Unknown u) {
          throw new PullplanException(e.getKey() + " needs " + u.from() + ", which is not in state");
        }
      }
    }
    return d;
  }

  private void record(Change c, Applied a) {
    DesiredResource want = c.desired().orElseThrow();
    Map<String, String> sensitive = new LinkedHashMap<>(c.prior().map(ResourceState::sensitive).orElse(Map.of()));
    sensitive.putAll(a.sensitive());
    Map<String, Object> attributes = Locators.carried(run.handler(c.type()).locators(), a.attributes(),
        Optional.empty(), Optional.of(want.attributes()));
    recorder.record(c.address(), Optional.of(new ResourceState(c.address(), c.type(), c.provider(), a.id(),
        attributes, sensitive, List.copyOf(want.dependsOn()))));
  }

  private ApplyContext context(Change c) {
    Map<Address, ResourceState> deps = new LinkedHashMap<>();
    for (Address d : c.desired().map(DesiredResource::dependsOn).orElse(Set.of())) {
      recorder.resource(d).ifPresent(s -> deps.put(d, s));
    }
    return new ApplyContext() {
      @Override
      public RunContext run() {
        return run;
      }

      @Override
      public Map<Address, ResourceState> dependencies() {
        return deps;
      }
    };
  }

  private String elapsed(Instant start) {
    Duration d = Duration.between(start, run.clock().instant());
    return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
  }

  private static String verb(Action a) {
    return switch (a) {
      case CREATE -> "Creating";
      case UPDATE -> "Modifying";
      case REPLACE, CREATE_BEFORE_DESTROY -> "Replacing";
      case ROTATE -> "Rotating";
      case DELETE -> "Destroying";
      case NOOP -> "Checking";
    };
  }

  private static String done(Action a) {
    return switch (a) {
      case CREATE -> "Creation complete";
      case UPDATE -> "Modifications complete";
      case REPLACE, CREATE_BEFORE_DESTROY -> "Replacement complete";
      case ROTATE -> "Rotation complete";
      case DELETE -> "Destruction complete";
      case NOOP -> "Checked";
    };
  }

  /** A user-facing message for a failure; unexpected exceptions keep their type for bug reports. */
  static String messageOf(Throwable t) {
    if (t instanceof PullplanException) {
      return t.getMessage();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}
