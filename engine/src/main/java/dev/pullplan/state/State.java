package dev.pullplan.state;

import dev.pullplan.address.Address;
import dev.pullplan.spi.ResourceState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What pullplan last applied. {@code serial} grows by one on every write; {@code lineage} is fixed
 * when the state is first created, so two unrelated states are never confused; so is
 * {@code stack}, the name every object pullplan made carries (absent only in states written
 * before it was recorded).
 */
public record State(
    int formatVersion,
    long serial,
    String lineage,
    Optional<String> stack,
    String pullplanVersion,
    String configDigest,
    Optional<Provenance> provenance,
    List<ResourceState> resources,
    List<Deposed> deposed) {

  public static final int FORMAT_VERSION = 1;

  public State {
    resources = resources.stream().sorted(Comparator.comparing(ResourceState::address)).toList();
    deposed = List.copyOf(deposed);
  }

  /** A state with nothing deposed. */
  public State(int formatVersion, long serial, String lineage, Optional<String> stack, String pullplanVersion,
      String configDigest, Optional<Provenance> provenance, List<ResourceState> resources) {
    this(formatVersion, serial, lineage, stack, pullplanVersion, configDigest, provenance, resources, List.of());
  }

  /** A state of no recorded stack name (tests, and files written before it was recorded). */
  public State(int formatVersion, long serial, String lineage, String pullplanVersion, String configDigest,
      Optional<Provenance> provenance, List<ResourceState> resources) {
    this(formatVersion, serial, lineage, Optional.empty(), pullplanVersion, configDigest, provenance, resources);
  }

  /** A state that does not exist yet, with the lineage it will be created with. */
  public static State empty(String lineage) {
    return new State(FORMAT_VERSION, 0, lineage, Optional.empty(), Version.current(), "", Optional.empty(), List.of(),
        List.of());
  }

  public static String newLineage() {
    return UUID.randomUUID().toString();
  }

  /** Resources are kept sorted by address: a lookup is a binary search, not a scan (30 000 of them at fleet scale). */
  public Optional<ResourceState> resource(Address address) {
    int i = indexOf(address);
    return i >= 0 ? Optional.of(resources.get(i)) : Optional.empty();
  }

  private int indexOf(Address address) {
    int low = 0;
    int high = resources.size() - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int c = resources.get(mid).address().compareTo(address);
      if (c < 0) {
        low = mid + 1;
      } else if (c > 0) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -(low + 1);
  }

  /** A copy with {@code changed} recorded (or {@code address} removed when empty), serial not bumped. */
  public State with(Address address, Optional<ResourceState> changed) {
    return withAll(java.util.Map.of(address, changed));
  }

  /**
   * A copy with every entry of {@code changes} recorded (or removed when empty), serial not
   * bumped: one pass over the resources however many change, where a {@link #with} per resource
   * would copy the whole list each time.
   */
  public State withAll(java.util.Map<Address, Optional<ResourceState>> changes) {
    List<ResourceState> next = new ArrayList<>(resources.size() + changes.size());
    for (ResourceState r : resources) {
      if (!changes.containsKey(r.address())) {
        next.add(r);
      }
    }
    changes.values().forEach(c -> c.ifPresent(next::add));
    return new State(formatVersion, serial, lineage, stack, pullplanVersion, configDigest, provenance, next, deposed);
  }

  /** A copy with {@code entry} recorded as deposed, serial not bumped. */
  public State withDeposed(Deposed entry) {
    List<Deposed> next = new ArrayList<>(deposed);
    next.add(entry);
    return new State(formatVersion, serial, lineage, stack, pullplanVersion, configDigest, provenance, resources, next);
  }

  /** A copy without the deposed record of {@code key}, serial not bumped. */
  public State withoutDeposed(String key) {
    List<Deposed> next = deposed.stream().filter(d -> !d.key().equals(key)).toList();
    return new State(formatVersion, serial, lineage, stack, pullplanVersion, configDigest, provenance, resources, next);
  }

  /** A copy with {@code newResources} in place of the resources, the rest kept, serial not bumped. */
  public State withResources(List<ResourceState> newResources) {
    return new State(formatVersion, serial, lineage, stack, pullplanVersion, configDigest, provenance, newResources,
        deposed);
  }

  /** A copy recording this run: its stack name (fixed once recorded), config digest and provenance. */
  public State withRun(String stackName, String newConfigDigest, Optional<Provenance> newProvenance) {
    return new State(formatVersion, serial, lineage, Optional.of(stack.orElse(stackName)), Version.current(),
        newConfigDigest, newProvenance, resources, deposed);
  }

  public State nextSerial() {
    return new State(formatVersion, serial + 1, lineage, stack, pullplanVersion, configDigest, provenance, resources,
        deposed);
  }
}
