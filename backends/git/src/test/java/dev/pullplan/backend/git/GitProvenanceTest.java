package dev.pullplan.backend.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.state.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitProvenanceTest {
  @TempDir Path root;

  Path stack() throws Exception {
    Path stack = Files.createDirectories(root.resolve("stacks/prod"));
    Files.writeString(stack.resolve("main.pullplan.hcl"), "# config\n");
    return stack;
  }

  RevCommit commitAll(Git git) throws Exception {
    git.add().addFilepattern(".").call();
    return git.commit().setMessage("c").setAuthor("t", "t@example.org").setCommitter("t", "t@example.org").setSign(false).call();
  }

  @Test
  void directoryOutsideAWorkTreeHasNoProvenance() throws Exception {
    assertThat(GitProvenance.of(stack())).isEmpty();
  }

  @Test
  void workTreeWithoutACommitHasNoProvenance() throws Exception {
    Path stack = stack();
    Git.init().setDirectory(root.toFile()).call().close();

    assertThat(GitProvenance.of(stack)).isEmpty();
  }

  @Test
  void cleanTreeGivesTheCommitAndBranch() throws Exception {
    Path stack = stack();
    try (Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
      RevCommit c = commitAll(git);

      assertThat(GitProvenance.of(stack)).contains(new Provenance(c.name(), Optional.of("main"), false));
    }
  }

  @Test
  void changedTrackedFileAnywhereMakesItDirty() throws Exception {
    Path stack = stack();
    Files.writeString(root.resolve("README.md"), "a\n");
    try (Git git = Git.init().setDirectory(root.toFile()).call()) {
      commitAll(git);
      Files.writeString(root.resolve("README.md"), "b\n");

      assertThat(GitProvenance.of(stack)).map(Provenance::dirty).contains(true);
    }
  }

  @Test
  void untrackedConfigFileMakesItDirtyButOtherUntrackedFilesDoNot() throws Exception {
    Path stack = stack();
    try (Git git = Git.init().setDirectory(root.toFile()).call()) {
      commitAll(git);
      Files.writeString(stack.resolve("pullplan.state.json"), "{}");
      Files.writeString(root.resolve("notes.txt"), "x");
      assertThat(GitProvenance.of(stack)).map(Provenance::dirty).contains(false);

      Files.writeString(stack.resolve("extra.pullplan.json"), "{}");
      assertThat(GitProvenance.of(stack)).map(Provenance::dirty).contains(true);
    }
  }

  @Test
  void detachedHeadHasNoBranch() throws Exception {
    Path stack = stack();
    try (Git git = Git.init().setDirectory(root.toFile()).call()) {
      RevCommit c = commitAll(git);
      git.checkout().setName(c.name()).call();

      assertThat(GitProvenance.of(stack)).contains(new Provenance(c.name(), Optional.empty(), false));
    }
  }
}
