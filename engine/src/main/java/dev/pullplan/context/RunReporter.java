package dev.pullplan.context;

/** Where a run's progress goes: a live view on a terminal, timed lines elsewhere. */
public interface RunReporter {

  /** A line of progress ("waiting for Entra replication, 12 s"). */
  void progress(String line);

  /** Work on {@code subject} began: {@code "Creating..."}. */
  default void started(String subject, String what) {
    progress(subject + ": " + what);
  }

  /** Work on {@code subject} ended, well or not: {@code "Creation complete after 0.4s"}. */
  default void finished(String subject, String outcome) {
    progress(subject + ": " + outcome);
  }

  RunReporter SILENT = line -> {};
}
