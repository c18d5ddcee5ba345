package dev.pullplan.state;

import dev.pullplan.address.Address;
import dev.pullplan.spi.ResourceState;
import java.util.Optional;

/** One finished change of an apply, as a state journal records it between whole writes of the state. */
public sealed interface JournalEntry {

  /** The state with this entry applied, serial not bumped. */
  State applyTo(State state);

  /** A resource recorded, or removed when {@code state} is empty. */
  record Recorded(Address address, Optional<ResourceState> state) implements JournalEntry {
    @Override
    public State applyTo(State s) {
      return s.with(address, state);
    }
  }

  /** An object or credential recorded as deposed before its replacement is made. */
  record Deposing(Deposed deposed) implements JournalEntry {
    @Override
    public State applyTo(State s) {
      return s.withDeposed(deposed);
    }
  }

  /** A deposed record removed once what it names is gone. */
  record Undeposing(String key) implements JournalEntry {
    @Override
    public State applyTo(State s) {
      return s.withoutDeposed(key);
    }
  }
}
