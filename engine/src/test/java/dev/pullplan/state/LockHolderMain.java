package dev.pullplan.state;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Child JVM: takes the state lock, prints {@code LOCKED <id>}, holds it until stdin closes. */
public final class LockHolderMain {
  private LockHolderMain() {}

  public static void main(String[] args) throws Exception {
    LocalStateBackend backend = new LocalStateBackend(Path.of(args[0]), Optional.empty(), w -> {});
    try (StateLock lock = backend.lock("apply", Duration.ZERO)) {
      System.out.println("LOCKED " + lock.info().id());
      System.out.flush();
      while (System.in.read() != -1) {
        // hold the lock until the parent closes our input
      }
    }
  }
}
