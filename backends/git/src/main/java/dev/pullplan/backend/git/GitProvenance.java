package dev.pullplan.backend.git;

import dev.pullplan.PullplanException;
import dev.pullplan.config.ConfigLoader;
import dev.pullplan.state.Provenance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Where a config directory's files came from: the commit checked out in the git work tree around
 * it, its branch, and whether the tree differs from that commit. Read with jgit; no git binary.
 */
public final class GitProvenance {
  private GitProvenance() {}

  /** Empty when the directory is not in a git work tree, or its branch has no commit yet. */
  public static Optional<Provenance> of(Path configDir) {
    Path dir = configDir.toAbsolutePath().normalize();
    FileRepositoryBuilder found = new FileRepositoryBuilder().findGitDir(dir.toFile());
    if (found.getGitDir() == null) {
      return Optional.empty();
    }
    try (Repository repo = found.setMustExist(true).build()) {
      if (repo.isBare()) {
        return Optional.empty();
      }
      ObjectId head = repo.resolve(Constants.HEAD);
      if (head == null) {
        return Optional.empty();
      }
      String full = repo.getFullBranch();
      Optional<String> branch = full != null && full.startsWith(Constants.R_HEADS)
          ? Optional.of(Repository.shortenRefName(full)) : Optional.empty();
      return Optional.of(new Provenance(head.name(), branch, dirty(repo, dir)));
    } catch (IOException | GitAPIException e) {
      throw new PullplanException("cannot read the git work tree around " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Uncommitted changes to tracked files anywhere, or config files in the config directory that were
   * never committed. Other untracked files (state files, saved plans, build output) do not make the
   * applied config differ from the commit.
   */
  private static boolean dirty(Repository repo, Path configDir) throws GitAPIException, IOException {
    Status status = Git.wrap(repo).status().call();
    if (status.hasUncommittedChanges()) {
      return true;
    }
    Path workTree = repo.getWorkTree().toPath().toRealPath();
    Path relative = workTree.relativize(configDir.toRealPath());
    return status.getUntracked().stream().map(Path::of)
        .anyMatch(p -> relative.equals(parentOf(p)) && isConfigFile(p.getFileName().toString()));
  }

  private static Path parentOf(Path p) {
    return p.getParent() == null ? Path.of("") : p.getParent();
  }

  private static boolean isConfigFile(String name) {
    return name.endsWith(ConfigLoader.HCL_SUFFIX) || name.endsWith(ConfigLoader.JSON_SUFFIX);
  }
}
