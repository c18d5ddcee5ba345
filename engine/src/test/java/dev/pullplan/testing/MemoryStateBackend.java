package dev.pullplan.testing;

import dev.pullplan.state.LockInfo;
import dev.pullplan.state.State;
import dev.pullplan.state.StateBackend;
import dev.pullplan.state.StateLock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** State kept in memory, with every version written, so tests see each intermediate write. */
public final class MemoryStateBackend implements StateBackend {
  private final List<State> writes = new CopyOnWriteArrayList<>();

  @Override
  public String describe() {
    return "memory";
  }

  @Override
  public Optional<State> read() {
    return writes.isEmpty() ? Optional.empty() : Optional.of(writes.get(writes.size() - 1));
  }

  @Override
  public void write(State state) {
    writes.add(state);
  }

  public List<State> writes() {
    return writes;
  }

  @Override
  public StateLock lock(String operation, Duration timeout) {
    LockInfo info = new LockInfo("memory", operation, "test", Instant.EPOCH, "test");
    return new StateLock() {
      @Override
      public LockInfo info() {
        return info;
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void forceUnlock(String id) {}
}
