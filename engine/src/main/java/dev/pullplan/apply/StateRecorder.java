package dev.pullplan.apply;

import dev.pullplan.address.Address;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.state.Deposed;
import dev.pullplan.state.JournalEntry;
import dev.pullplan.state.State;
import dev.pullplan.state.StateBackend;
import dev.pullplan.state.StateJournal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * The state during an apply, made durable after every single change so that a crash loses at
 * most the change in flight.
 *
 * <p>Where the backend keeps a journal (the local file), a change costs one appended line: the
 * whole state is written when the journal begins and again by {@link #finish} (and replayed from
 * the journal by whoever reads it after a crash). Elsewhere every change writes the whole state.
 * Either way the resources are kept in a sorted map, so recording one is not a copy of them all.
 */
public final class StateRecorder {
  private final StateBackend backend;
  private final Function<String, Set<String>> ephemeralByType;
  private final Optional<StateJournal> journal;
  /** The state's header fields (serial, lineage...) and deposed records; its resources are in {@link #resources}. */
  private State header;
  private final TreeMap<Address, ResourceState> resources = new TreeMap<>();
  private State materialised;
  private boolean journalBegun;

  /**
   * @param ephemeralByType secret attributes of a type that are read anew every run and so are
   *     kept out of state unless state is encrypted
   */
  public StateRecorder(StateBackend backend, State initial, Function<String, Set<String>> ephemeralByType) {
    this.backend = backend;
    this.ephemeralByType = ephemeralByType;
    this.journal = backend.journal();
    reset(initial);
  }

  private void reset(State state) {
    header = state.withResources(List.of());
    resources.clear();
    state.resources().forEach(r -> resources.put(r.address(), r));
    materialised = state;
  }

  public synchronized State current() {
    if (materialised == null) {
      materialised = header.withResources(new ArrayList<>(resources.values()));
    }
    return materialised;
  }

  public synchronized Optional<ResourceState> resource(Address address) {
    return Optional.ofNullable(resources.get(address));
  }

  /** What is recorded as deposed now. */
  public synchronized List<Deposed> deposed() {
    return header.deposed();
  }

  /** Records {@code state} for {@code address} (removes it when empty) and makes it durable. */
  public void record(Address address, Optional<ResourceState> state) {
    durable(append(new JournalEntry.Recorded(address, state)));
  }

  /**
   * Records {@code old} as deposed, durably, before the change that replaces it begins.
   *
   * @return the key that {@link #undepose} takes once it is gone
   */
  public String depose(Deposed.Kind kind, ResourceState old) {
    String key = UUID.randomUUID().toString().substring(0, 8);
    durable(append(new JournalEntry.Deposing(new Deposed(key, kind, old))));
    return key;
  }

  /** Forgets a deposed record once what it named is gone (or proved to be the live one). */
  public void undepose(String key) {
    long position;
    synchronized (this) {
      if (header.deposed().stream().noneMatch(d -> d.key().equals(key))) {
        return;
      }
      position = append(new JournalEntry.Undeposing(key));
    }
    durable(position);
  }

  /**
   * Waits for the journal to hold {@code position} on disk, outside this recorder's lock: changes
   * finishing meanwhile append theirs and share one flush instead of queueing for one each.
   */
  private void durable(long position) {
    journal.ifPresent(j -> j.sync(position));
  }

  /** @return the journal position to make durable (0: the whole state was written, durably) */
  private synchronized long append(JournalEntry entry) {
    if (journal.isEmpty()) {
      write(entry.applyTo(current()));
      return 0;
    }
    if (!journalBegun) {
      // the journal continues a whole state: write it (it may hold an older journal's replay)
      write(current());
      journal.get().begin(withoutEphemeralSecrets(current()));
      journalBegun = true;
    }
    JournalEntry stored = entry;
    if (entry instanceof JournalEntry.Recorded r) {
      if (r.state().isPresent()) {
        resources.put(r.address(), r.state().get());
      } else {
        resources.remove(r.address());
      }
      stored = new JournalEntry.Recorded(r.address(), r.state().map(this::withoutEphemeralSecrets));
    } else {
      header = entry.applyTo(header);
      if (entry instanceof JournalEntry.Deposing d) {
        stored = new JournalEntry.Deposing(new Deposed(d.deposed().key(), d.deposed().kind(),
            withoutEphemeralSecrets(d.deposed().object())));
      }
    }
    header = header.nextSerial();
    materialised = null;
    return journal.get().append(stored, header.serial());
  }

  /** Writes {@code next} whole as the new state, bumping the serial. */
  public synchronized void write(State next) {
    State bumped = withoutEphemeralSecrets(next).nextSerial();
    backend.write(bumped);
    reset(next.nextSerial());
    if (journalBegun) {
      // the whole state holds what the journal did: the next change begins a new one
      journal.get().discard();
      journalBegun = false;
    }
  }

  /** At the end of an apply: writes the state whole, so no journal is left to replay. */
  public synchronized void finish() {
    if (journalBegun) {
      write(current());
    }
  }

  private State withoutEphemeralSecrets(State state) {
    if (backend.encryptsSecrets()) {
      return state;
    }
    boolean any = state.resources().stream().anyMatch(this::holdsEphemeral);
    if (!any) {
      return state;
    }
    return state.withResources(state.resources().stream().map(this::withoutEphemeralSecrets).toList());
  }

  private boolean holdsEphemeral(ResourceState r) {
    Set<String> ephemeral = ephemeralByType.apply(r.type());
    return r.sensitive().keySet().stream().anyMatch(ephemeral::contains);
  }

  private ResourceState withoutEphemeralSecrets(ResourceState r) {
    if (backend.encryptsSecrets() || !holdsEphemeral(r)) {
      return r;
    }
    Map<String, String> kept = new LinkedHashMap<>(r.sensitive());
    kept.keySet().removeAll(ephemeralByType.apply(r.type()));
    return r.withAttributes(r.attributes(), kept);
  }
}
