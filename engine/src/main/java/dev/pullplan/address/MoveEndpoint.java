package dev.pullplan.address;

import java.util.Optional;

/**
 * One end of a {@code moved} block: a whole block or block instance ({@code access.old},
 * {@code access.team["eu-1"]}), which stands for every resource under it, or one resource
 * ({@code access.x.k8s_secret["apps"]}).
 *
 * @param blockName the block's name, with its instance key when it has one: {@code team["eu-1"]}
 * @param resource present when the end names one resource, {@code resource} and {@code key} of its address
 */
public record MoveEndpoint(String blockKind, String blockName, Optional<String> resource, Optional<String> key) {

  public static MoveEndpoint block(String blockKind, String blockName) {
    return new MoveEndpoint(blockKind, blockName, Optional.empty(), Optional.empty());
  }

  public static MoveEndpoint resource(Address a) {
    return new MoveEndpoint(a.blockKind(), a.blockName(), Optional.of(a.resource()), a.key());
  }

  public boolean isBlock() {
    return resource.isEmpty();
  }

  /** The block part, {@code access.old}. */
  public String block() {
    return blockKind + "." + blockName;
  }

  /** Whether {@code a} is this resource, or lies under this block. */
  public boolean covers(Address a) {
    if (!a.blockKind().equals(blockKind) || !a.blockName().equals(blockName)) {
      return false;
    }
    return resource.isEmpty() || (resource.get().equals(a.resource()) && key.equals(a.key()));
  }

  /** Whether this end and {@code other} can name the same resource (one is the other, or lies under it). */
  public boolean overlaps(MoveEndpoint other) {
    if (!blockKind.equals(other.blockKind) || !blockName.equals(other.blockName)) {
      return false;
    }
    return isBlock() || other.isBlock() || (resource.equals(other.resource) && key.equals(other.key));
  }

  /** Where {@code a}, which this end covers, goes when moved to {@code to}. */
  public Address moved(Address a, MoveEndpoint to) {
    if (to.isBlock()) {
      return new Address(to.blockKind, to.blockName, a.resource(), a.key());
    }
    return new Address(to.blockKind, to.blockName, to.resource.orElseThrow(), to.key);
  }

  @Override
  public String toString() {
    return block() + resource.map(r -> "." + r + key.map(k -> "[\"" + k + "\"]").orElse("")).orElse("");
  }
}
