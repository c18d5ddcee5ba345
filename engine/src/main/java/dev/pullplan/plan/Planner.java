package dev.pullplan.plan;

import dev.pullplan.diag.Diagnostic;
import dev.pullplan.PullplanException;
import dev.pullplan.address.Address;
import dev.pullplan.expand.DesiredResource;
import dev.pullplan.expand.FixedAtCreation;
import dev.pullplan.expand.Resolver;
import dev.pullplan.expand.Expander;
import dev.pullplan.expand.Expansion;
import dev.pullplan.graph.ResourceGraph;
import dev.pullplan.model.Access;
import dev.pullplan.context.Run;
import dev.pullplan.refresh.ReadDeadline;
import dev.pullplan.refresh.Refresher;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.Observed;
import dev.pullplan.spi.ResourceHandler;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.spi.Rotatable;
import dev.pullplan.state.State;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Refresh + diff: reads what exists through the providers and works out each resource's change. */
public final class Planner {
  private final Run run;
  private final PlanOptions options;
  private final java.time.Duration readLimit;

  public Planner(Run run, PlanOptions options) {
    this(run, options, ReadDeadline.DEFAULT);
  }

  /** @param readLimit how long the namespace selectors, and then refresh, may take ({@link ReadDeadline}) */
  Planner(Run run, PlanOptions options, java.time.Duration readLimit) {
    this.run = run;
    this.options = options;
    this.readLimit = readLimit;
  }

  public Plan plan(State base, boolean baseExisted) {
    long started = System.nanoTime();
    List<Diagnostic> problems = new ArrayList<>();
    Set<String> unresolvedBlocks = new TreeSet<>();
    Map<String, Set<String>> selected = options.mode() == PlanMode.DESTROY ? Map.of()
        : selectAll(problems, unresolvedBlocks);
    Expansion expansion = options.mode() == PlanMode.DESTROY
        ? new Expansion(List.of(), Map.of())
        : new Expander(run.stack(), run.stackName(), access -> selected.computeIfAbsent(access.name(),
            n -> select(access, problems, unresolvedBlocks)), run::derived).expand();

    Map<Address, DesiredResource> desired = new LinkedHashMap<>();
    expansion.resources().forEach(r -> desired.put(r.address(), r));
    Map<Address, ResourceState> recorded = new LinkedHashMap<>();
    base.resources().forEach(r -> recorded.put(r.address(), r));

    ResourceGraph graph = new ResourceGraph();
    desired.values().forEach(r -> graph.add(r.address(), r.dependsOn()));
    recorded.values().forEach(r -> graph.add(r.address(), desired.containsKey(r.address()) ? Set.of() : r.dependsOn()));
    List<Address> order = graph.topologicalOrder();
    Set<Address> inScope = scope(graph, order);
    for (String replace : options.replace()) {
      if (order.stream().noneMatch(a -> a.matches(replace))) {
        throw new PullplanException("--replace " + replace
            + " matches no resource; `pullplan state list` and `pullplan plan` show the addresses");
      }
    }

    List<Address> toRead = order.stream().filter(inScope::contains).toList();
    long expanded = System.nanoTime();
    Map<Address, Observed> observed = new Refresher(run, options.parallelism(), readLimit).read(toRead, desired, recorded);
    long refreshedAt = System.nanoTime();

    Pass pass = new Pass(problems, unresolvedBlocks);
    for (Address a : toRead) {
      pass.plan(a, desired.get(a), Optional.ofNullable(recorded.get(a)), observed.get(a));
    }
    Map<Address, ResourceState> refreshed = pass.refreshed;

    // one rebuild of the state, not one copy per resource (that was O(n² log n) at fleet scale)
    Map<Address, Optional<ResourceState>> refreshedEntries = new HashMap<>();
    for (Address a : inScope) {
      if (recorded.containsKey(a) || refreshed.containsKey(a)) {
        refreshedEntries.put(a, Optional.ofNullable(refreshed.get(a)));
      }
    }
    State refreshedState = base.withAll(refreshedEntries);
    List<String> warnings = new ArrayList<>(run.warnings());
    Map<String, Long> phases = new LinkedHashMap<>();
    phases.put("expand", (expanded - started) / 1_000_000);
    phases.put("refresh", (refreshedAt - expanded) / 1_000_000);
    phases.put("diff", (System.nanoTime() - refreshedAt) / 1_000_000);
    // the moves are the engine's to note (Plan#withMoves): it re-addressed the state before planning
    return new Plan(options.mode(), List.copyOf(pass.changes.values()), List.copyOf(problems), warnings,
        expansion.selectedNamespaces(), run.apiCalls(), base, baseExisted, refreshedState,
        run.stack().digest(), run.clock().instant(), phases, List.of());
  }

  /**
   * Every {@code namespace_selector} resolved at once, {@code --parallelism} at a time: one
   * cluster's namespace list need not wait for another's. The lists are read side by side; what
   * could not be resolved is recorded afterwards in the config's order, so plans stay stable.
   */
  private Map<String, Set<String>> selectAll(List<Diagnostic> problems, Set<String> unresolved) {
    List<Access> selecting = run.stack().accesses().values().stream()
        .filter(a -> a.namespaceSelector() != null && !a.namespaceSelector().isEmpty())
        .toList();
    Map<String, Set<String>> out = new java.util.concurrent.ConcurrentHashMap<>();
    if (selecting.isEmpty()) {
      return out;
    }
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, Math.min(options.parallelism(), selecting.size())));
    try {
      Map<Access, java.util.concurrent.Future<Set<String>>> reads = new LinkedHashMap<>();
      for (Access a : selecting) {
        reads.put(a, pool.submit(() -> run.namespacesMatching(a)));
      }
      ReadDeadline deadline = ReadDeadline.in(readLimit);
      for (Map.Entry<Access, java.util.concurrent.Future<Set<String>>> read : reads.entrySet()) {
        out.put(read.getKey().name(), awaitSelection(deadline, read.getKey(), read.getValue(), problems, unresolved));
      }
    } finally {
      pool.shutdownNow();
    }
    return out;
  }

  private Set<String> awaitSelection(ReadDeadline deadline, Access access,
      java.util.concurrent.Future<Set<String>> read, List<Diagnostic> problems, Set<String> unresolved) {
    try {
      return deadline.await(read, () -> "reading the namespaces it selects");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PullplanException("interrupted while resolving namespace selectors");
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof PullplanException p) {
        return unresolvable(access, p, problems, unresolved);
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private Set<String> select(Access access, List<Diagnostic> problems, Set<String> unresolved) {
    try {
      return run.namespacesMatching(access);
    } catch (PullplanException e) {
      return unresolvable(access, e, problems, unresolved);
    }
  }

  private static Set<String> unresolvable(Access access, PullplanException e, List<Diagnostic> problems,
      Set<String> unresolved) {
    synchronized (problems) {
      problems.add(Diagnostic.about("access." + access.name(), "namespace_selector could not be resolved: "
          + e.getMessage(), Optional.of("resources of this access are left as they are")));
    }
    unresolved.add("access." + access.name());
    return Set.of();
  }

  /**
   * What {@code --target} keeps: the matching resources and what they depend on, so they can be
   * made; in a destroy, the matching resources and what depends on them, so nothing is left
   * pointing at a deleted object and nothing others still use is deleted.
   */
  private Set<Address> scope(ResourceGraph graph, List<Address> order) {
    if (options.targets().isEmpty()) {
      return new LinkedHashSet<>(order);
    }
    List<Address> matching = order.stream()
        .filter(a -> options.targets().stream().anyMatch(a::matches))
        .toList();
    if (matching.isEmpty()) {
      throw new PullplanException("--target " + String.join(", ", options.targets())
          + " matches no resource; `pullplan state list` and `pullplan plan` show the addresses");
    }
    if (options.mode() == PlanMode.DESTROY) {
      Set<Address> doomed = new LinkedHashSet<>(matching);
      matching.forEach(a -> doomed.addAll(graph.allDependants(a)));
      return doomed;
    }
    return graph.withDependencies(matching);
  }

  /**
   * The changes of one plan as they are worked out, dependencies first: what a later resource
   * needs of an earlier one (its change, its refreshed state) is here.
   */
  private final class Pass {
    final Map<Address, Change> changes = new LinkedHashMap<>();
    final Map<Address, ResourceState> refreshed = new HashMap<>();
    final List<Diagnostic> problems;
    final Set<String> unresolvedBlocks;

    Pass(List<Diagnostic> problems, Set<String> unresolvedBlocks) {
      this.problems = problems;
      this.unresolvedBlocks = unresolvedBlocks;
    }

    /** One resource: the config's wish (null when only in state), the state's record, and what refresh saw. */
    void plan(Address a, DesiredResource want, Optional<ResourceState> recorded, Observed seen) {
      String type = want != null ? want.type() : recorded.orElseThrow().type();
      // What depends on a resource that could not be planned is not planned either: its inputs are
      // unknown, and a guess (e.g. "the password changes") would be a phantom change.
      Optional<Address> blockedBy = want == null ? Optional.empty()
          : want.dependsOn().stream().filter(d -> problems.stream().anyMatch(p -> p.subject().equals(d.toString())))
              .findFirst();
      if (blockedBy.isPresent()) {
        problems.add(Diagnostic.about(a.toString(), "not planned: it depends on " + blockedBy.get()
            + ", which could not be planned (see its error)", Optional.empty()));
        recorded.ifPresent(r -> refreshed.put(a, r));
        return;
      }
      if (seen instanceof Observed.Foreign f) {
        problems.add(Diagnostic.about(a.toString(), f.description(), Optional.ofNullable(f.hint())));
        recorded.ifPresent(r -> refreshed.put(a, r));
        return;
      }
      if (seen instanceof Observed.Unreadable u) {
        problems.add(Diagnostic.about(a.toString(), u.message(), Optional.empty()));
        recorded.ifPresent(r -> refreshed.put(a, r));
        return;
      }
      Subject subject = observe(a, type, Optional.ofNullable(want), recorded, seen);
      subject.actual().ifPresent(s -> refreshed.put(a, s));

      if (options.mode() == PlanMode.REFRESH_ONLY) {
        changes.put(a, subject.change(Action.NOOP, List.of(), List.of()));
        return;
      }
      if (want == null) {
        if (!unresolvedBlocks.contains(a.block()) && subject.actual().isPresent()) {
          changes.put(a, subject.change(Action.DELETE, List.of(),
              List.of(options.mode() == PlanMode.DESTROY ? "destroy requested" : "no longer in the config")));
        }
        return;
      }
      ResourceHandler handler = run.handler(type);
      boolean forceReplace = options.replace().stream().anyMatch(a::matches);
      // locators are taken out of what is compared and shown: they say how to reach the object
      Desired wanted = FixedAtCreation.kept(handler.fixedAtCreation(), resolveAgainstThisPlan(want), recorded);
      Differ.Outcome o = Differ.diff(Locators.without(handler.locators(), wanted),
          subject.actual(), handler.replaceOn(), handler.computed(), forceReplace, run.clock().instant());
      List<String> reasons = new ArrayList<>(o.reasons());
      if (o.action() == Action.CREATE && subject.drift().cause() == Drift.Cause.DELETED) {
        reasons.add("in state but missing: " + String.join("; ", subject.drift().notes()));
      } else if (o.action() != Action.CREATE && recorded.isEmpty()) {
        reasons.add(0, "found an existing object that pullplan made: adopting it");
      }
      Action action = o.action();
      if (action == Action.ROTATE && !(handler instanceof Rotatable)) {
        // a credential due for renewal that its type cannot rotate is renewed by replacing it
        action = Action.REPLACE;
      }
      if (action == Action.REPLACE && handler.createBeforeDestroy()) {
        action = Action.CREATE_BEFORE_DESTROY;
      }
      changes.put(a, subject.change(action, o.attributes(), reasons));
    }

    /**
     * A reference to a resource that changes in this plan is only known after apply; a rotation
     * changes only the secret half of a credential.
     */
    private Desired resolveAgainstThisPlan(DesiredResource want) {
      return new Resolver(ref -> {
        Change c = changes.get(ref.address());
        boolean unchanged = c == null || !c.action().isChange() || (c.action() == Action.ROTATE && !ref.sensitive());
        return unchanged ? Optional.ofNullable(refreshed.get(ref.address())) : Optional.empty();
      }).resolve(want);
    }
  }

  /** A resource as refresh found it, in state form, with what it found changed outside pullplan. */
  private record Subject(Address address, String type, String provider, Optional<DesiredResource> desired,
      Optional<ResourceState> actual, Drift drift, List<String> context) {

    Change change(Action action, List<AttributeChange> attributes, List<String> reasons) {
      return new Change(address, type, provider, action, desired, actual, attributes, reasons, drift, context);
    }
  }

  private Subject observe(Address a, String type, Optional<DesiredResource> want, Optional<ResourceState> recorded,
      Observed seen) {
    String provider = run.providerName(type);
    if (!(seen instanceof Observed.Present p)) {
      Drift gone = seen instanceof Observed.Absent absent ? absent.gone().map(Drift::gone).orElseGet(Drift::deleted)
          : Drift.deleted();
      return new Subject(a, type, provider, want, Optional.empty(), recorded.isPresent() ? gone : Drift.NONE, List.of());
    }
    List<Address> deps = want.map(w -> List.copyOf(w.dependsOn()))
        .orElseGet(() -> recorded.map(ResourceState::dependsOn).orElse(List.of()));
    Map<String, String> sensitive = new LinkedHashMap<>(recorded.map(ResourceState::sensitive).orElse(Map.of()));
    sensitive.putAll(p.sensitive());
    ResourceHandler handler = run.handler(type);
    ResourceState now = new ResourceState(a, type, provider, p.id(),
        Locators.carried(handler.locators(), p.attributes(), recorded.map(ResourceState::attributes),
            want.map(DesiredResource::attributes)), sensitive, deps);
    // a locator is how to reach the object, never a change made to it: state written before it existed lacks it
    Drift drift = recorded.map(r -> Drift.changed(Differ.drift(r, now, handler.locators(), handler.computed())))
        .orElse(Drift.NONE);
    return new Subject(a, type, provider, want, Optional.of(now), drift, p.context());
  }
}
