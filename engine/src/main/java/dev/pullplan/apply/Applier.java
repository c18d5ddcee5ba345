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
import dev.pullplan.expand.FixedAtCreation;
import dev.pullplan.expand.Resolver;
import dev.pullplan.context.Run;
import dev.pullplan.spi.ApplyContext;
import dev.pullplan.spi.Applied;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.ProviderSession;
import dev.pullplan.spi.ReadRequest;
import dev.pullplan.spi.ResourceHandler;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.spi.Rotatable;
import dev.pullplan.spi.RunContext;
import dev.pullplan.spi.SideBySide;
import dev.pullplan.spi.Unknown;
import dev.pullplan.state.Deposed;
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
  /**
   * What a change left behind for its retire step (an old password, the object a replacement
   * superseded), with the key of its deposed record in state.
   */
  private final Map<Address, Left> deposed = new ConcurrentHashMap<>();

  private record Left(String key, ResourceState old) {}

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

  /** A change; the retiring of what a change in this run deposed; what an earlier run deposed and left. */
  private enum Phase { CHANGE, RETIRE, LEFTOVER }

  /**
   * One unit of work; a rotation or create-before-destroy replacement has two. A leftover has no
   * change, only the deposed record an earlier run left.
   */
  private record Step(Phase phase, Address address, Optional<Change> optionalChange, Optional<Deposed> leftover) {
    Step(Phase phase, Change change) {
      this(phase, change.address(), Optional.of(change), Optional.empty());
    }

    Change change() {
      return optionalChange.orElseThrow();
    }

    @Override
    public String toString() {
      return switch (phase) {
        case CHANGE -> address.toString();
        case RETIRE -> address + " (old credential)";
        case LEFTOVER -> address + " (deposed " + leftover.orElseThrow().key() + ")";
      };
    }
  }

  public ApplyResult apply(Plan plan) {
    List<Change> changes = plan.effectiveChanges();
    announce(changes);
    Map<Step, Set<Step>> prerequisites = order(changes, plan.base(), recorder.deposed());
    List<Address> applied = Collections.synchronizedList(new ArrayList<>());
    List<Diagnostic> failures = new ArrayList<>();
    DagWalk.Outcome<Step> outcome = new DagWalk<>(prerequisites, parallelism).walk(s -> execute(s, applied),
        new DagWalk.Listener<>() {
          @Override
          public void failed(Step s, Throwable cause) {
            String message = PullplanException.messageOf(cause);
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

  /** Tells each provider, side by side, what this apply will change ({@link ProviderSession#applying}). */
  private void announce(List<Change> changes) {
    Resolver fromState = Resolver.fromStates(recorder::resource);
    Map<String, List<ReadRequest>> byProvider = new LinkedHashMap<>();
    for (Change c : changes) {
      byProvider.computeIfAbsent(run.providerName(c.type()), k -> new ArrayList<>())
          .add(new ReadRequest(c.address(), c.type(), c.desired().map(fromState::resolve), c.prior()));
    }
    SideBySide.run(byProvider.entrySet().stream().<Runnable>map(batch -> () -> {
      try {
        run.session(run.registry().require(batch.getValue().get(0).type())).applying(batch.getValue());
      } catch (RuntimeException e) {
        run.progress("preparing the " + batch.getKey() + " changes: " + PullplanException.messageOf(e)
            + "; each change reads what it needs itself");
      }
    }).toList(), byProvider.size(), "preparing the changes");
  }

  /** Which steps must finish before each step may start. */
  private static Map<Step, Set<Step>> order(List<Change> changes, State base, List<Deposed> leftovers) {
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
    for (Deposed d : leftovers) {
      // as a retire: after this run's change of the object and of everything that uses it, so the
      // secrets hold the credential that stays before the other one is removed
      Set<Step> needs = new LinkedHashSet<>();
      Optional.ofNullable(changeSteps.get(d.address())).ifPresent(needs::add);
      for (Change other : changes) {
        if (other.desired().map(x -> x.dependsOn().contains(d.address())).orElse(false) || used(other, d.address(), base)) {
          needs.add(changeSteps.get(other.address()));
        }
      }
      prerequisites.put(new Step(Phase.LEFTOVER, d.address(), Optional.empty(), Optional.of(d)), needs);
    }
    return prerequisites;
  }

  /** Whether {@code user}, as state recorded it or as refresh found it, depends on {@code used}. */
  private static boolean used(Change user, Address used, State base) {
    return Stream.concat(user.prior().stream(), base.resource(user.address()).stream())
        .anyMatch(r -> r.dependsOn().contains(used));
  }

  private Step execute(Step step, List<Address> applied) {
    Instant start = run.clock().instant();
    if (step.phase() == Phase.LEFTOVER) {
      removeLeftover(step, step.leftover().orElseThrow(), start);
      return step;
    }
    Change c = step.change();
    ResourceHandler handler = run.handler(c.type());
    if (step.phase() == Phase.RETIRE) {
      Left left = deposed.remove(c.address());
      if (left == null) {
        return step;
      }
      run.started(step.toString(), "removing...");
      if (c.action() == Action.CREATE_BEFORE_DESTROY) {
        handler.delete(left.old(), context(c));
      } else {
        rotatable(handler, c).retire(left.old(), context(c));
      }
      recorder.undepose(left.key());
      run.finished(step.toString(), "removed after " + elapsed(start));
      return step;
    }
    run.started(c.address().toString(), verb(c.action()) + "...");
    switch (c.action()) {
      case CREATE -> record(c, handler.create(resolve(c), context(c)));
      case UPDATE -> {
        // an update of a credential may make a new password (a new lifetime): deposed first, as a rotation
        Optional<String> key = handler instanceof Rotatable
            ? Optional.of(depose(Deposed.Kind.CREDENTIAL, c.prior().orElseThrow())) : Optional.empty();
        Applied updated = handler.update(resolve(c), c.prior().orElseThrow(), context(c));
        record(c, updated);
        keepOrForget(c, key, updated.deposed());
      }
      case ROTATE -> {
        // recorded before the new password exists: a crash from here on leaves a record that
        // the next apply retires, not a live password nobody knows of
        String key = depose(Deposed.Kind.CREDENTIAL, c.prior().orElseThrow());
        Applied rotated = rotatable(handler, c).rotate(resolve(c), c.prior().orElseThrow(), context(c));
        record(c, rotated);
        keepOrForget(c, Optional.of(key), rotated.deposed());
      }
      case REPLACE -> {
        handler.delete(c.prior().orElseThrow(), context(c));
        recorder.record(c.address(), Optional.empty());
        record(c, handler.create(resolve(c), context(c)));
      }
      case CREATE_BEFORE_DESTROY -> {
        ResourceState old = c.prior().orElseThrow();
        String key = depose(Deposed.Kind.OBJECT, old);
        Applied created = handler.create(resolve(c), context(c));
        record(c, created);
        // a create that found the very object again (a deterministic name, as role assignments
        // have) replaced nothing: removing "the old one" would remove the live one
        keepOrForget(c, Optional.of(key),
            created.id().equalsIgnoreCase(old.id()) ? Optional.empty() : Optional.of(old));
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

  /** Records {@code old}, without its secret values (removing it needs none), as deposed. */
  private String depose(Deposed.Kind kind, ResourceState old) {
    return recorder.depose(kind, old.withAttributes(old.attributes(), Map.of()));
  }

  /** Hands what a change left behind to its retire step, or forgets the deposed record when it left nothing. */
  private void keepOrForget(Change c, Optional<String> key, Optional<ResourceState> left) {
    if (key.isEmpty()) {
      left.ifPresent(old -> deposed.put(c.address(), new Left("", old)));
    } else if (left.isPresent()) {
      deposed.put(c.address(), new Left(key.get(), left.get()));
    } else {
      recorder.undepose(key.get());
    }
  }

  /**
   * Removes what an earlier run deposed and did not remove (it died): for a credential, every one
   * the provider made for the object but the one state now holds — the old one, and one the
   * crashed run may have made and never recorded; for an object, the old object, unless it is the
   * live one again.
   */
  private void removeLeftover(Step step, Deposed d, Instant start) {
    ResourceState old = d.object();
    ResourceHandler handler = run.handler(old.type());
    ApplyContext context = context(old.dependsOn());
    Optional<ResourceState> current = recorder.resource(d.address()).filter(r -> r.type().equals(old.type()));
    run.started(step.toString(), "removing what an earlier run left...");
    if (d.kind() == Deposed.Kind.CREDENTIAL) {
      if (!(handler instanceof Rotatable r)) {
        throw new IllegalStateException(old.type() + " cannot retire, yet " + d.address() + " has a deposed credential");
      }
      if (current.isPresent()) {
        r.retireAllBut(current.get(), context);
      } else {
        r.retire(old, context);
      }
    } else if (current.map(now -> !now.id().equalsIgnoreCase(old.id())).orElse(true)) {
      handler.delete(old, context);
    }
    recorder.undepose(d.key());
    run.finished(step.toString(), "removed after " + elapsed(start));
  }

  private static Rotatable rotatable(ResourceHandler handler, Change c) {
    if (handler instanceof Rotatable r) {
      return r;
    }
    throw new IllegalStateException(c.type() + " cannot rotate, yet " + c.address() + " was planned to: " + c.action());
  }

  private Desired resolve(Change c) {
    Desired d = FixedAtCreation.kept(run.handler(c.type()).fixedAtCreation(),
        Resolver.fromStates(recorder::resource).resolve(c.desired().orElseThrow()), recorder.resource(c.address()));
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
    return context(c.desired().map(DesiredResource::dependsOn).orElse(Set.of()));
  }

  private ApplyContext context(java.util.Collection<Address> dependencies) {
    Map<Address, ResourceState> deps = new LinkedHashMap<>();
    for (Address d : dependencies) {
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
}
