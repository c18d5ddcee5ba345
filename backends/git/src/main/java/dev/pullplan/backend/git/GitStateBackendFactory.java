package dev.pullplan.backend.git;

import dev.pullplan.PullplanException;
import dev.pullplan.state.BackendContext;
import dev.pullplan.state.StateBackend;
import dev.pullplan.state.StateBackendFactory;
import dev.pullplan.state.StateCodec;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * {@code backend "git" { url = "..." }}: state committed to a branch of a repository.
 *
 * <p>Settings: {@code url} (required; a URL or a path relative to the config), {@code branch}
 * (default {@value #DEFAULT_BRANCH}), {@code path} of the state file in the repository (default
 * {@value #DEFAULT_PATH}), {@code token_env} naming the environment variable holding an HTTPS token,
 * {@code username} sent with it (default {@value #DEFAULT_USERNAME}).
 */
public final class GitStateBackendFactory implements StateBackendFactory {
  public static final String TYPE = "git";
  static final String DEFAULT_BRANCH = "pullplan-state";
  static final String DEFAULT_PATH = "pullplan.state.json";
  static final String DEFAULT_USERNAME = "x-access-token";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<String> settings() {
    return Set.of("url", "branch", "path", "token_env", "username");
  }

  @Override
  public StateBackend open(BackendContext context) {
    Optional<String> token = context.setting("token_env").map(variable -> Optional.ofNullable(context.environment().get(variable))
        .filter(v -> !v.isBlank())
        .orElseThrow(() -> new PullplanException("the git backend reads its token from the environment variable "
            + variable + " (token_env), which is not set")));
    GitRemote remote = GitRemote.of(context.required("url"), context.stackDir(), context.setting("username"), token);
    String path = context.setting("path").orElse(DEFAULT_PATH).replaceAll("^/+", "");
    StateBranch branch = new StateBranch(remote, context.setting("branch").orElse(DEFAULT_BRANCH), cacheRoot(context));
    return new GitStateBackend(branch, path, new StateCodec(context.keyring()), context.warnings());
  }

  /** A per-user cache, never the config directory: that may be the work tree whose cleanliness is checked. */
  private static Path cacheRoot(BackendContext context) {
    Optional<String> xdg = Optional.ofNullable(context.environment().get("XDG_CACHE_HOME")).filter(v -> !v.isBlank());
    Path base = xdg.map(Path::of).orElseGet(() -> Path.of(Optional.ofNullable(context.environment().get("HOME"))
        .orElseGet(() -> System.getProperty("user.home")), ".cache"));
    return base.resolve("pullplan").resolve("git");
  }
}
