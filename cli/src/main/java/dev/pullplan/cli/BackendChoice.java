package dev.pullplan.cli;

import dev.pullplan.PullplanException;
import dev.pullplan.model.BackendBlock;
import dev.pullplan.model.Stack;
import dev.pullplan.state.BackendContext;
import dev.pullplan.state.LocalStateBackendFactory;
import dev.pullplan.state.StateBackend;
import dev.pullplan.state.StateBackends;
import dev.pullplan.state.crypto.Keyring;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** A backend type and its settings: from the config's {@code backend} block, else local, with command-line overrides. */
record BackendChoice(String type, Map<String, String> settings) {

  BackendChoice {
    settings = Map.copyOf(settings);
  }

  /** The config's backend, {@code --backend-config} on top, {@code --state} for the local one. */
  static BackendChoice of(Stack stack, StateOptions options) {
    String type = stack.backend().map(BackendBlock::type).orElse(LocalStateBackendFactory.TYPE);
    Map<String, String> settings = new LinkedHashMap<>(stack.backend().map(BackendBlock::settings).orElse(Map.of()));
    settings.putAll(options.backendConfig);
    options.statePath().ifPresent(path -> {
      if (!type.equals(LocalStateBackendFactory.TYPE)) {
        throw new PullplanException("--state names a local state file, but the configuration keeps state in the "
            + type + " backend; drop --state, or use --backend-config to change the " + type + " backend's settings");
      }
      settings.put(LocalStateBackendFactory.PATH, path.toString());
    });
    return new BackendChoice(type, settings);
  }

  boolean isLocal() {
    return type.equals(LocalStateBackendFactory.TYPE);
  }

  /** For the local backend, its state file as {@link LocalStateBackendFactory} resolves it. */
  Optional<Path> localFile(Path stackDir) {
    if (!isLocal()) {
      return Optional.empty();
    }
    Path file = Optional.ofNullable(settings.get(LocalStateBackendFactory.PATH)).filter(p -> !p.isBlank())
        .map(stackDir::resolve).orElse(stackDir.resolve(LocalStateBackendFactory.DEFAULT_FILE));
    return Optional.of(file.toAbsolutePath().normalize());
  }

  /** Whether both name the same place, however it is spelled (a state file by a path of its own). */
  boolean sameStore(BackendChoice other, Path stackDir) {
    return equals(other) || localFile(stackDir).filter(f -> other.localFile(stackDir).equals(Optional.of(f))).isPresent();
  }

  StateBackend open(Path stackDir, Optional<Keyring> keyring, Map<String, String> env, Consumer<String> warnings) {
    return StateBackends.discover().open(new BackendContext(type, settings, stackDir, keyring, env, warnings));
  }
}
