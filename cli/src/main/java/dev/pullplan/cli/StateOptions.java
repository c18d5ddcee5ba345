package dev.pullplan.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where state lives and how long to wait for its lock. */
public final class StateOptions {
  @Option(names = {"--state", "-state"}, paramLabel = "PATH",
      description = "State file (default: pullplan.state.json beside the config).")
  Path state;

  @Option(names = {"--lock-timeout", "-lock-timeout"}, paramLabel = "DURATION", defaultValue = "0s",
      converter = DurationConverter.class,
      description = "How long to wait for the state lock, e.g. 30s or 2m (default: ${DEFAULT-VALUE}, fail at once).")
  Duration lockTimeout;

  public Optional<Path> statePath() {
    return Optional.ofNullable(state);
  }
}
