package dev.pullplan.plan;

import dev.pullplan.diag.Diagnostic;
import dev.pullplan.state.Deposed;
import dev.pullplan.state.State;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The result of refresh + diff: every resource's change in dependency order, what could not be
 * planned, warnings, and the state as refresh found it.
 *
 * @param base the state the plan was made from (lineage and serial pin it: a saved plan is refused
 *     once the state moved on). For a stack without state it carries the lineage apply will create.
 * @param baseExisted whether that state existed
 * @param refreshed {@code base} with each resource's attributes as they actually are
 * @param selectedNamespaces namespaces matched by each access's selector
 * @param apiCalls calls made to each provider's API during refresh, by call name
 * @param phaseMillis how long each phase of making the plan took ({@code expand}, {@code refresh},
 *     {@code diff}), in milliseconds; empty for a plan read from a file
 * @param moves resources that {@code moved} blocks re-address: {@code base} already records them
 *     at their new address, and applying writes that state even when nothing else changes
 */
public record Plan(
    PlanMode mode,
    List<Change> changes,
    List<Diagnostic> problems,
    List<String> warnings,
    Map<String, List<String>> selectedNamespaces,
    Map<String, Long> apiCalls,
    State base,
    boolean baseExisted,
    State refreshed,
    String configDigest,
    Instant createdAt,
    Map<String, Long> phaseMillis,
    List<ResourceMove> moves) {

  public Plan {
    phaseMillis = Map.copyOf(phaseMillis);
    moves = List.copyOf(moves);
  }

  /**
   * This plan with {@code moved} recorded, and a reason on each moved resource's change saying
   * where it was (reasons only explain: apply reads the addresses from the state).
   */
  public Plan withMoves(List<ResourceMove> moved) {
    if (moved.isEmpty()) {
      return this;
    }
    Map<dev.pullplan.address.Address, dev.pullplan.address.Address> from = new java.util.HashMap<>();
    moved.forEach(m -> from.put(m.to(), m.from()));
    List<Change> noted = changes.stream().map(c -> {
      dev.pullplan.address.Address was = from.get(c.address());
      if (was == null) {
        return c;
      }
      List<String> reasons = new java.util.ArrayList<>();
      reasons.add("moved from " + was);
      reasons.addAll(c.reasons());
      return c.withReasons(reasons);
    }).toList();
    return new Plan(mode, noted, problems, warnings, selectedNamespaces, apiCalls, base, baseExisted, refreshed,
        configDigest, createdAt, phaseMillis, moved);
  }

  public Summary summary() {
    return Summary.of(changes);
  }

  public List<Change> effectiveChanges() {
    return changes.stream().filter(c -> c.action().isChange()).toList();
  }

  /** Resources whose actual state differs from what state recorded. */
  public List<Change> drifted() {
    return changes.stream().filter(c -> !c.drift().isNone()).toList();
  }

  /**
   * Objects pullplan made that refresh found but state did not record (a run that died before
   * writing state, a state file lost): applying records them without changing them.
   */
  public List<String> adopted() {
    return refreshed.resources().stream()
        .filter(r -> base.resource(r.address()).isEmpty())
        .map(r -> r.address().toString())
        .toList();
  }

  /**
   * What an earlier run recorded as deposed and did not remove (it died mid-rotation or
   * mid-replacement): applying removes each.
   */
  public List<Deposed> deposedLeft() {
    return mode == PlanMode.REFRESH_ONLY ? List.of() : refreshed.deposed();
  }

  /**
   * Resources state records whose objects are gone and that no change makes again (a destroy that
   * died after deleting them, a deletion outside pullplan): applying removes their records, so a
   * later destroy does not ignore them and drift does not report them forever.
   */
  public List<String> forgotten() {
    java.util.Set<dev.pullplan.address.Address> present = new java.util.HashSet<>();
    refreshed.resources().forEach(r -> present.add(r.address()));
    changes.stream().filter(c -> c.action().isChange()).forEach(c -> present.add(c.address()));
    return base.resources().stream()
        .filter(r -> !present.contains(r.address()))
        .map(r -> r.address().toString())
        .toList();
  }

  /** Whether applying would do anything: changes, or a refresh that updates state. */
  public boolean hasChanges() {
    if (mode == PlanMode.REFRESH_ONLY) {
      return !drifted().isEmpty() || !adopted().isEmpty() || !moves.isEmpty();
    }
    return !summary().isEmpty() || !adopted().isEmpty() || !deposedLeft().isEmpty() || !forgotten().isEmpty()
        || !moves.isEmpty();
  }

  public boolean hasProblems() {
    return !problems.isEmpty();
  }
}
