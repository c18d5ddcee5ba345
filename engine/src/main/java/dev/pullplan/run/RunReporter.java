package dev.pullplan.run;

/** Where a run's progress lines go: a live view on a terminal, timed lines elsewhere. */
public interface RunReporter {

  void progress(String line);

  RunReporter SILENT = line -> {};
}
