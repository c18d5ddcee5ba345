package dev.pullplan.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where state lives (the backend block, overridable here) and how long to wait for its lock. */
public final class StateOptions {
  @Option(names = {"--state", "-state"}, paramLabel = "PATH",
      description = "State file of the local backend (default: pullplan.state.json beside the config).")
  Path state;

  @Option(names = {"--backend-config", "-backend-config"}, paramLabel = "KEY=VALUE", mapFallbackValue = "",
      description = {"Sets or overrides a setting of the config's backend block, e.g. namespace=platform;"
          + " repeatable. Put tokens in environment variables (token_env), never here."})
  Map<String, String> backendConfig = new LinkedHashMap<>();

  @Option(names = {"--lock-timeout", "-lock-timeout"}, paramLabel = "DURATION", defaultValue = "0s",
      converter = DurationConverter.class,
      description = "How long to wait for the state lock, e.g. 30s or 2m (default: ${DEFAULT-VALUE}, fail at once).")
  Duration lockTimeout;

  public Optional<Path> statePath() {
    return Optional.ofNullable(state);
  }
}
