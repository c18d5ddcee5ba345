package dev.pullplan.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C while pullplan holds the state lock, as Terraform: the first interrupt is acknowledged
 * and stops new changes from starting (changes in flight finish and are recorded, the lock is
 * released, the command exits 1 with a summary); a second one stops at once. State is written
 * after every change, so what finished is in state either way. Outside a guarded section an
 * interrupt ends the process as usual (exit 130).
 *
 * <p>One per process, since signals are: {@link Main} routes SIGINT to {@link #signal()}; tests
 * call it directly.
 */
final class Interrupts {
  private static final Object LOCK = new Object();
  private static Guard current;

  private Interrupts() {}

  /** Routes SIGINT here; only the real executable does this, never a test. */
  static void install() {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> signal());
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // no SIGINT on this platform: the JVM's default handling stays
    }
  }

  /** An interrupt from the user (SIGINT). */
  static void signal() {
    Guard guard;
    synchronized (LOCK) {
      guard = current;
    }
    if (guard == null) {
      System.exit(130);
      return;
    }
    guard.interrupted();
  }

  /** Guards {@code what} (e.g. "apply") until closed; the console's error stream gets the messages. */
  static Guard guard(String what, PrintStream err) {
    Guard guard = new Guard(what, err);
    synchronized (LOCK) {
      current = guard;
    }
    return guard;
  }

  /** While open, interrupts are counted instead of ending the process. */
  static final class Guard implements AutoCloseable {
    private final String what;
    private final PrintStream err;
    private final AtomicInteger count = new AtomicInteger();
    private volatile Runnable releaseNow = () -> {};

    private Guard(String what, PrintStream err) {
      this.what = what;
      this.err = err;
    }

    /** What to release before stopping at once on a second interrupt (the state lock). */
    void onStopAtOnce(Runnable release) {
      this.releaseNow = release;
    }

    boolean stopRequested() {
      return count.get() > 0;
    }

    private void interrupted() {
      if (count.incrementAndGet() == 1) {
        err.println();
        err.println("Interrupt received: no new change will start; the " + what + " waits for the changes in flight,"
            + " records them in state and releases the lock. Press Ctrl-C again to stop at once.");
        err.flush();
        return;
      }
      err.println("Second interrupt: stopping at once. State holds every change that finished; changes still in flight"
          + " may have happened without being recorded: run `pullplan plan` to see.");
      err.flush();
      try {
        releaseNow.run();
      } finally {
        Runtime.getRuntime().halt(ExitCodes.ERROR);
      }
    }

    @Override
    public void close() {
      synchronized (LOCK) {
        if (current == this) {
          current = null;
        }
      }
    }
  }
}
