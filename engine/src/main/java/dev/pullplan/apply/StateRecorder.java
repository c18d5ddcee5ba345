package dev.pullplan.apply;

import dev.pullplan.address.Address;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.state.State;
import dev.pullplan.state.StateBackend;
import java.util.Optional;

/**
 * The state during an apply, written after every single resource change so that a crash loses
 * at most the change in flight.
 */
public final class StateRecorder {
  private final StateBackend backend;
  private State current;

  public StateRecorder(StateBackend backend, State initial) {
    this.backend = backend;
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
    State bumped = next.nextSerial();
    backend.write(bumped);
    current = bumped;
  }
}
