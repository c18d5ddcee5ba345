package dev.pullplan.cli;

import dev.pullplan.state.StateBackend;
import dev.pullplan.state.StateLock;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Terraform's {@code -lock=false}, on the commands that take the state lock themselves (plan, apply, destroy, state rm/mv). */
public final class LockFlag {
  @Option(names = {"--lock", "-lock"}, arity = "1", defaultValue = "true", paramLabel = "BOOL",
      description = {"Hold the state lock for the whole command, refresh included (default: ${DEFAULT-VALUE}).",
          "false skips it: only when nothing else can write this state."})
  boolean lock;

  /** The state lock, taken now for {@code operation}, or none with {@code -lock=false}. */
  Held take(StateBackend backend, String operation, Duration timeout) {
    return new Held(lock ? Optional.of(backend.lock(operation, timeout)) : Optional.empty());
  }

  /** A lock held for the length of a try block, or none. */
  record Held(Optional<StateLock> lock) implements AutoCloseable {
    @Override
    public void close() {
      lock.ifPresent(StateLock::close);
    }
  }
}
