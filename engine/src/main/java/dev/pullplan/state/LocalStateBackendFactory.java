package dev.pullplan.state;

import java.nio.file.Path;
import java.util.Set;

/** The default backend: {@code pullplan.state.json} beside the config, or the {@code path} setting. */
public final class LocalStateBackendFactory implements StateBackendFactory {
  public static final String TYPE = "local";
  public static final String DEFAULT_FILE = "pullplan.state.json";
  public static final String PATH = "path";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<String> settings() {
    return Set.of(PATH);
  }

  @Override
  public StateBackend open(BackendContext context) {
    Path file = context.path(PATH).orElse(context.stackDir().resolve(DEFAULT_FILE));
    return new LocalStateBackend(file, context.keyring(), context.warnings());
  }
}
