package dev.pullplan.plan;

import dev.pullplan.PullplanException;
import dev.pullplan.address.Address;
import dev.pullplan.model.Moved;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.state.State;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Re-addresses the state by the config's {@code moved} blocks before a plan is made, so a block
 * renamed or given a {@code for_each} key finds its objects where the config now puts them: the
 * plan compares them as usual (usually no change) instead of deleting one credential and creating
 * another. A {@code moved} block whose {@code from} state no longer has (applied before) does
 * nothing, so it can stay in the config. Serial and lineage are kept: the state file is only
 * rewritten when the plan is applied.
 */
public final class StateMoves {
  /** The re-addressed state, and each resource that moved. */
  public record Result(State state, List<ResourceMove> moves) {}

  /**
   * The attribute in which the expansion names the cluster block an object lives in. A cluster
   * block makes no resources of its own; moving it says the objects recorded for the old name are
   * in the cluster the new name stands for, so they are not replaced because the name changed.
   */
  static final String CLUSTER = "cluster";

  private StateMoves() {}

  private static Map<String, Object> inRenamedCluster(Map<String, Object> attributes, Map<String, String> clusters) {
    Object cluster = attributes.get(CLUSTER);
    if (!(cluster instanceof String name) || !clusters.containsKey(name)) {
      return attributes;
    }
    Map<String, Object> out = new java.util.LinkedHashMap<>(attributes);
    out.put(CLUSTER, clusters.get(name));
    return java.util.Collections.unmodifiableMap(out);
  }

  /** @throws PullplanException when a move would land on a resource that state already records */
  public static Result apply(State base, List<Moved> moved) {
    if (moved.isEmpty()) {
      return new Result(base, List.of());
    }
    Map<Address, Address> renamed = new HashMap<>();
    Map<Address, Moved> by = new HashMap<>();
    List<ResourceMove> moves = new ArrayList<>();
    for (ResourceState r : base.resources()) {
      for (Moved m : moved) {
        if (m.from().covers(r.address())) {
          Address to = m.from().moved(r.address(), m.to());
          renamed.put(r.address(), to);
          by.put(r.address(), m);
          moves.add(new ResourceMove(r.address(), to));
          break;
        }
      }
    }
    Set<Address> targets = new HashSet<>();
    for (ResourceMove move : moves) {
      Moved m = by.get(move.from());
      boolean occupied = base.resource(move.to()).isPresent() && !renamed.containsKey(move.to());
      if (occupied || !targets.add(move.to())) {
        throw new PullplanException("the moved block at " + m.origin() + " (from " + m.from() + " to " + m.to()
            + ") would move " + move.from() + " onto " + move.to() + ", which state already records: two objects"
            + " cannot have one address. Keep the one you mean with `pullplan state rm` on the other, or remove the"
            + " moved block");
      }
    }
    Map<String, String> clusters = new HashMap<>();
    moved.stream().filter(m -> m.from().blockKind().equals(CLUSTER) && m.from().isBlock())
        .forEach(m -> clusters.put(m.from().blockName(), m.to().blockName()));
    List<ResourceState> next = new ArrayList<>();
    for (ResourceState r : base.resources()) {
      List<Address> deps = r.dependsOn().stream().map(d -> renamed.getOrDefault(d, d)).toList();
      next.add(new ResourceState(renamed.getOrDefault(r.address(), r.address()), r.type(), r.provider(), r.id(),
          inRenamedCluster(r.attributes(), clusters), r.sensitive(), deps));
    }
    State state = new State(base.formatVersion(), base.serial(), base.lineage(), base.stack(), base.pullplanVersion(),
        base.configDigest(), base.provenance(), next);
    return new Result(state, List.copyOf(moves));
  }
}
