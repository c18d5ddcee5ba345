package dev.pullplan.expand;

import dev.pullplan.address.Address;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.spi.Unknown;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Replaces {@link Ref}s by values from the referenced resources' states. */
public final class Resolver {
  private final Function<Ref, Optional<ResourceState>> states;

  /**
   * @param states the state to take a reference's value from, or empty when its value is not
   *     known yet (the resource does not exist, or the value changes in this run)
   */
  public Resolver(Function<Ref, Optional<ResourceState>> states) {
    this.states = states;
  }

  /** Takes every reference from the referenced resource's state, whatever the attribute. */
  public static Resolver fromStates(Function<Address, Optional<ResourceState>> states) {
    return new Resolver(ref -> states.apply(ref.address()));
  }

  public Desired resolve(DesiredResource r) {
    return new Desired(r.address(), r.type(), values(r.attributes()), values(r.sensitive()), r.lifecycle());
  }

  private Map<String, Object> values(Map<String, Object> in) {
    Map<String, Object> out = new LinkedHashMap<>();
    in.forEach((k, v) -> out.put(k, v instanceof Ref ref ? value(ref) : v));
    return out;
  }

  private Object value(Ref ref) {
    Optional<Object> v = states.apply(ref)
        .map(s -> ref.sensitive() ? s.sensitive().get(ref.attribute()) : s.attributes().get(ref.attribute()));
    return v.orElseGet(() -> new Unknown(ref.address(), ref.attribute()));
  }
}
