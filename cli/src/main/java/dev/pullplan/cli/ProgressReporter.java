package dev.pullplan.cli;

import dev.pullplan.context.RunReporter;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Progress of a refresh or apply. Elsewhere than on a terminal (CI logs) every line carries the
 * elapsed time. On a terminal, lines scroll as they happen and the last line is a live view of
 * the work in flight ("3 in progress: access.a.k8s_secret["x"] 1.2s, ..."), redrawn on each event.
 */
final class ProgressReporter implements RunReporter {
  private static final String CLEAR_LINE = "\r\u001b[K";
  private static final int SHOWN_IN_FLIGHT = 3;

  private final Console console;
  private final PrintStream out;
  private final Clock clock;
  private final Instant start;
  private final Map<String, Instant> inFlight = new LinkedHashMap<>();

  /** @param out where progress goes: standard output, as Terraform, unless a document is written there */
  ProgressReporter(Console console, PrintStream out, Clock clock) {
    this.console = console;
    this.out = out;
    this.clock = clock;
    this.start = clock.instant();
  }

  @Override
  public synchronized void progress(String line) {
    PrintStream err = out;
    if (!console.terminal()) {
      double s = (clock.millis() - start.toEpochMilli()) / 1000.0;
      err.println(String.format(Locale.ROOT, "[%6.1fs] %s", s, line));
      return;
    }
    err.print(CLEAR_LINE);
    err.println(line);
    status(err);
  }

  @Override
  public synchronized void started(String subject, String what) {
    inFlight.put(subject, clock.instant());
    progress(subject + ": " + what);
  }

  @Override
  public synchronized void finished(String subject, String outcome) {
    inFlight.remove(subject);
    progress(subject + ": " + outcome);
  }

  private void status(PrintStream err) {
    if (inFlight.isEmpty()) {
      err.flush();
      return;
    }
    Instant now = clock.instant();
    StringBuilder line = new StringBuilder().append(inFlight.size()).append(" in progress: ");
    int shown = 0;
    for (Map.Entry<String, Instant> e : inFlight.entrySet()) {
      if (shown++ == SHOWN_IN_FLIGHT) {
        line.append(", ...");
        break;
      }
      line.append(shown > 1 ? ", " : "").append(e.getKey()).append(String.format(Locale.ROOT, " %.1fs",
          (now.toEpochMilli() - e.getValue().toEpochMilli()) / 1000.0));
    }
    err.print(line);
    err.flush();
  }
}
