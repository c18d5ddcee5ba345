package dev.pullplan.spi;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What a provider session may use of the run: clock, environment, its own provider block, and
 * where to report. Not the config model: what a handler needs of the config comes with the
 * resources it is handed, as attributes (see {@link ResourceHandler#locators}).
 */
public interface RunContext {

  /** The directory of the config files: what relative paths in the config (a kubeconfig, a password file) start from. */
  Path configDir();

  /** The settings of the {@code provider} block of that name, as written; empty when the config has none. */
  Map<String, String> providerSettings(String provider);

  /**
   * The stack's name, settled against state (never the directory's name once state exists):
   * what every object pullplan makes is tagged and named with.
   */
  String stackName();

  Clock clock();

  /** The process environment (tests give their own). */
  Map<String, String> environment();

  /** A progress line ("waiting for Entra replication, 12 s"): shown live on a terminal. */
  void progress(String line);

  /** A warning shown with the plan (an ACR with its admin user enabled, a workload without the secret). */
  void warn(String message);

  /** Counts one API call, for {@code --debug} and the statistics of the JSON plan. */
  void countCall(String provider, String call);

  /** What the user asked of this run beyond the config. */
  default RunOptions options() {
    return RunOptions.DEFAULTS;
  }

  /** Where every HTTP client of a provider logs its requests ({@code --debug}, {@code PULLPLAN_LOG}). */
  default HttpLog httpLog() {
    return HttpLog.OFF;
  }

  /** A capability offered by another provider's session in this run. */
  <T> Optional<T> service(Class<T> type);
}
