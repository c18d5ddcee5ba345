package dev.pullplan.apply;

import dev.pullplan.address.Address;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.state.State;
import dev.pullplan.state.StateBackend;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The state during an apply, written after every single resource change so that a crash loses
 * at most the change in flight.
 */
public final class StateRecorder {
  private final StateBackend backend;
  private final Function<String, Set<String>> ephemeralByType;
  private State current;

  /**
   * @param ephemeralByType secret attributes of a type that are read anew every run and so are
   *     kept out of state unless state is encrypted
   */
  public StateRecorder(StateBackend backend, State initial, Function<String, Set<String>> ephemeralByType) {
    this.backend = backend;
    this.ephemeralByType = ephemeralByType;
    this.current = initial;
  }

  public synchronized State current() {
    return current;
  }

  public synchronized Optional<ResourceState> resource(Address address) {
    return current.resource(address);
  }

  /** Records {@code state} for {@code address} (removes it when empty) and writes it out. */
  public synchronized void record(Address address, Optional<ResourceState> state) {
    write(current.with(address, state));
  }

  /** Writes {@code next} as the new state, bumping the serial. */
  public synchronized void write(State next) {
    State bumped = withoutEphemeralSecrets(next).nextSerial();
    backend.write(bumped);
    current = next.nextSerial();
  }

  private State withoutEphemeralSecrets(State state) {
    if (backend.encryptsSecrets()) {
      return state;
    }
    State out = state;
    for (ResourceState r : state.resources()) {
      Set<String> ephemeral = ephemeralByType.apply(r.type());
      if (r.sensitive().keySet().stream().anyMatch(ephemeral::contains)) {
        Map<String, String> kept = new LinkedHashMap<>(r.sensitive());
        kept.keySet().removeAll(ephemeral);
        out = out.with(r.address(), Optional.of(r.withAttributes(r.attributes(), kept)));
      }
    }
    return out;
  }
}
