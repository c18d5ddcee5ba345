package dev.pullplan.provider.kubernetes.state;

import dev.pullplan.PullplanException;
import dev.pullplan.state.State;
import dev.pullplan.state.StateBackend;
import dev.pullplan.state.StateCodec;
import dev.pullplan.state.StateLock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** State in Secrets of a namespace (gzipped, chunked above 1 MiB), locked by a renewed Lease. */
final class KubernetesStateBackend implements StateBackend {
  private final ChunkedSecretStore store;
  private final LeaseLock lease;
  private final StateCodec codec;
  private final Consumer<String> warnings;
  private final String where;
  private final AtomicReference<Optional<LeaseLock.Held>> held = new AtomicReference<>(Optional.empty());

  KubernetesStateBackend(StateApi api, String name, String server, Duration leaseDuration, StateCodec codec,
      Consumer<String> warnings) {
    this.store = new ChunkedSecretStore(api, name);
    this.where = "kubernetes " + store.describe() + " (" + server + ")";
    this.lease = new LeaseLock(api, "pullplan-state-" + name, where, leaseDuration);
    this.codec = codec;
    this.warnings = warnings;
  }

  @Override
  public String describe() {
    return where;
  }

  @Override
  public Optional<State> read() {
    Optional<State> state = store.read().map(bytes -> codec.decode(bytes, where));
    state.flatMap(s -> StateCodec.newerVersionWarning(s, where)).ifPresent(warnings);
    return state;
  }

  /** @throws PullplanException when this run's lease was lost: another run may be writing */
  @Override
  public void write(State state) {
    held.get().flatMap(LeaseLock.Held::lost).ifPresent(why -> {
      throw new PullplanException("the lock on the state " + where + " was lost (" + why + "); the state was not"
          + " written, so another run's writes are not overwritten. Run `pullplan plan` again.");
    });
    byte[] bytes = codec.encode(state);
    codec.plaintextWarning(state, where + " (readable by everyone who may read Secrets in that namespace)")
        .ifPresent(warnings);
    store.write(bytes);
  }

  @Override
  public boolean encryptsSecrets() {
    return codec.encrypts();
  }

  @Override
  public StateLock lock(String operation, Duration timeout) {
    LeaseLock.Held lock = lease.acquire(operation, timeout);
    held.set(Optional.of(lock));
    return new StateLock() {
      @Override
      public dev.pullplan.state.LockInfo info() {
        return lock.info();
      }

      @Override
      public void close() {
        held.set(Optional.empty());
        lock.close();
      }
    };
  }

  @Override
  public void forceUnlock(String id) {
    lease.forceUnlock(id);
  }
}
