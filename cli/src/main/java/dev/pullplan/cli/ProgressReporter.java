package dev.pullplan.cli;

import dev.pullplan.run.RunReporter;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/**
 * Progress of a refresh or apply: on a terminal, lines as they happen; elsewhere each line
 * prefixed with the elapsed time, which is what CI logs want.
 */
final class ProgressReporter implements RunReporter {
  private final Console console;
  private final Clock clock;
  private final Instant start;

  ProgressReporter(Console console, Clock clock) {
    this.console = console;
    this.clock = clock;
    this.start = clock.instant();
  }

  @Override
  public void progress(String line) {
    synchronized (console.err()) {
      if (console.terminal()) {
        console.err().println(line);
      } else {
        double s = (clock.millis() - start.toEpochMilli()) / 1000.0;
        console.err().println(String.format(Locale.ROOT, "[%6.1fs] %s", s, line));
      }
    }
  }
}
