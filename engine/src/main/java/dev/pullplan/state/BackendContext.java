package dev.pullplan.state;

import dev.pullplan.PullplanException;
import dev.pullplan.model.ShortDuration;
import dev.pullplan.state.crypto.Keyring;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a backend is opened with.
 *
 * @param type the backend type, for messages
 * @param settings the {@code backend} block's settings, overridden by {@code --backend-config}
 * @param stackDir the config directory: relative paths in settings are relative to it
 * @param keyring seals sensitive values; without one they are written in plaintext
 * @param environment the run's environment (tokens, KUBECONFIG, HOME)
 * @param warnings receives warnings such as a plaintext write of secrets
 */
public record BackendContext(
    String type,
    Map<String, String> settings,
    Path stackDir,
    Optional<Keyring> keyring,
    Map<String, String> environment,
    Consumer<String> warnings) {

  public BackendContext {
    settings = Map.copyOf(settings);
    environment = Map.copyOf(environment);
  }

  public Optional<String> setting(String name) {
    return Optional.ofNullable(settings.get(name)).filter(v -> !v.isBlank());
  }

  /** @throws PullplanException naming the setting when it is absent */
  public String required(String name) {
    return setting(name).orElseThrow(() -> new PullplanException("the " + type + " backend needs the setting \""
        + name + "\": set it in the backend block or with --backend-config " + name + "=..."));
  }

  /** A duration setting such as {@code 30s}; {@code fallback} when absent. */
  public Duration duration(String name, Duration fallback) {
    return setting(name).map(text -> ShortDuration.parse(text).filter(d -> !d.isZero() && !d.isNegative())
        .orElseThrow(() -> new PullplanException("the " + type + " backend setting \"" + name + "\" is \"" + text
            + "\", which is not a positive duration; write e.g. 30s or 2m")))
        .orElse(fallback);
  }

  /** A path setting, resolved against the config directory. */
  public Optional<Path> path(String name) {
    return setting(name).map(p -> stackDir.resolve(p));
  }
}
