package dev.pullplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import dev.pullplan.sandbox.kube.KubeSandbox;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backends, `init` and provenance from the command line, against a real bare repository and a real work tree. */
class BackendCommandsTest {
  @TempDir Path tmp;
  Path dir;
  Path bare;
  CliRun cli;

  @BeforeEach
  void stackAndRepository() throws Exception {
    dir = Files.createDirectories(tmp.resolve("stack"));
    Files.writeString(dir.resolve("main.pullplan.hcl"), CommandLineTest.STACK);
    bare = tmp.resolve("state.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
    cli = cliIn(dir);
  }

  CliRun cliIn(Path stack) {
    CliRun run = new CliRun(stack);
    run.env.put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
    return run;
  }

  void useGitBackend(Path stack) throws Exception {
    Files.writeString(stack.resolve("backend.pullplan.hcl"), "backend \"git\" {\n  url = \"" + bare.toUri() + "\"\n}\n");
  }

  @Test
  void gitBackendBlockPlansAndAppliesAgainstABareRepository() throws Exception {
    useGitBackend(dir);

    CliRun.Result apply = cli.inStack("apply", "--auto-approve");

    assertThat(apply.exit()).as(apply.all()).isZero();
    assertThat(stateOnBranch("pullplan-state")).hasValueSatisfying(s -> assertThat(s).contains("\"serial\""));
    assertThat(Files.exists(dir.resolve(Workspace.STATE_FILE))).isFalse();
    assertThat(cli.inStack("plan", "--detailed-exitcode").exit()).isZero();
    assertThat(cli.inStack("show").out()).contains("State git " + bare.toUri().toString().replaceAll("/$", ""));
  }

  @Test
  void backendConfigOverridesABackendSetting() throws Exception {
    useGitBackend(dir);

    assertThat(cli.inStack("apply", "--auto-approve", "--backend-config", "branch=team-state").exit()).isZero();

    assertThat(stateOnBranch("team-state")).isPresent();
    assertThat(stateOnBranch("pullplan-state")).isEmpty();
  }

  @Test
  void stateFileOptionIsRefusedWithAnotherBackend() throws Exception {
    useGitBackend(dir);

    CliRun.Result r = cli.inStack("plan", "--state", "other.json");

    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("--state names a local state file, but the configuration keeps state in the git backend");
  }

  @Test
  void localStateLeftBehindStopsCommandsUntilInit() throws Exception {
    assertThat(cli.inStack("apply", "--auto-approve").exit()).isZero();
    useGitBackend(dir);

    CliRun.Result r = cli.inStack("plan");

    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("run `pullplan init` to migrate it to the git backend");
  }

  @Test
  void initMigratesLocalStateToGitAndSwitches() throws Exception {
    assertThat(cli.inStack("apply", "--auto-approve").exit()).isZero();
    String lineage = cli.inStack("show", "--json").out().replaceAll("(?s).*\"lineage\" ?: ?\"([^\"]+)\".*", "$1");
    useGitBackend(dir);

    CliRun.Result init = cli.inStack("init");

    assertThat(init.exit()).as(init.all()).isZero();
    assertThat(init.out()).contains("Copied the state").contains("lineage " + lineage).contains("and verified it");
    assertThat(dir.resolve(Workspace.STATE_FILE)).doesNotExist();
    assertThat(dir.resolve(Workspace.STATE_FILE + InitCommand.MIGRATED_SUFFIX)).exists();
    assertThat(cli.inStack("show").out()).contains("lineage " + lineage);
    assertThat(cli.inStack("plan", "--detailed-exitcode").exit()).isZero();
  }

  @Test
  void initNamingTheStateFileWhereItIsLeavesItInPlace() throws Exception {
    assertThat(cli.inStack("apply", "--auto-approve").exit()).isZero();

    CliRun.Result init = cli.inStack("init", "--state", "./" + Workspace.STATE_FILE);

    assertThat(init.exit()).as(init.all()).isZero();
    assertThat(init.out()).contains("Nothing to migrate");
    assertThat(dir.resolve(Workspace.STATE_FILE)).exists();
    assertThat(cli.inStack("plan", "--detailed-exitcode").exit()).isZero();
  }

  @Test
  void initRefusesWhenBothBackendsHoldStatesOfDifferentLineages() throws Exception {
    Path other = Files.createDirectories(tmp.resolve("other"));
    Files.writeString(other.resolve("main.pullplan.hcl"), CommandLineTest.STACK);
    useGitBackend(other);
    assertThat(cliIn(other).inStack("apply", "--auto-approve").exit()).isZero();
    assertThat(cli.inStack("apply", "--auto-approve").exit()).isZero();
    useGitBackend(dir);

    CliRun.Result init = cli.inStack("init");

    assertThat(init.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(init.err()).contains("of different lineages").contains("neither is overwritten");
    assertThat(dir.resolve(Workspace.STATE_FILE)).exists();
  }

  @Test
  void initWithNoStateAnywhereOnlyChecksTheBackend() throws Exception {
    useGitBackend(dir);

    CliRun.Result init = cli.inStack("init");

    assertThat(init.exit()).as(init.all()).isZero();
    assertThat(init.out()).contains("is reachable; it holds no state yet").contains("no state in");
  }

  @Test
  void initReportsAnUnreachableBackend() throws Exception {
    Files.writeString(dir.resolve("backend.pullplan.hcl"), "backend \"git\" {\n  url = \"" + tmp.resolve("missing.git").toUri() + "\"\n}\n");

    CliRun.Result init = cli.inStack("init");

    assertThat(init.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(init.err()).contains("cannot fetch");
  }

  @Test
  void kubernetesBackendHoldsTheStateAndInitMovesItThereFromGit() throws Exception {
    try (KubeSandbox sandbox = KubeSandbox.start(List.of("ops"))) {
      // the sandbox refuses writes into a missing namespace, as a real API server does
      sandbox.client("ops").namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
          .withNewMetadata().withName("platform").endMetadata().build()).create();
      Path kubeconfig = sandbox.writeKubeconfig(tmp.resolve("kubeconfig"));
      useGitBackend(dir);
      assertThat(cli.inStack("apply", "--auto-approve").exit()).isZero();
      Files.writeString(dir.resolve("backend.pullplan.hcl"), "backend \"kubernetes\" {\n  name = \"prod\"\n"
          + "  namespace = \"platform\"\n  kubeconfig = \"" + kubeconfig + "\"\n}\n");

      CliRun.Result init = cli.inStack("init", "--from-backend", "git", "--from-backend-config", "url=" + bare.toUri());

      assertThat(init.exit()).as(init.all()).isZero();
      assertThat(init.out()).contains("Copied the state").contains("left in place");
      assertThat(sandbox.client("ops").secrets().inNamespace("platform").withName("pullplan-state-prod").get()).isNotNull();
      assertThat(cli.inStack("plan", "--detailed-exitcode").exit()).isZero();
    }
  }

  @Test
  void anApplyOnTheKubernetesBackendWhoseLockAndStateWritesLoseTheirAnswersSucceeds() throws Exception {
    try (KubeSandbox sandbox = KubeSandbox.start(List.of("ops"))) {
      sandbox.client("ops").namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
          .withNewMetadata().withName("platform").endMetadata().build()).create();
      Path kubeconfig = sandbox.writeKubeconfig(tmp.resolve("kubeconfig"));
      Files.writeString(dir.resolve("backend.pullplan.hcl"), "backend \"kubernetes\" {\n  name = \"prod\"\n"
          + "  namespace = \"platform\"\n  kubeconfig = \"" + kubeconfig + "\"\n}\n");
      // each stored, then answered 500: fabric8's retry meets the run's own lease and state
      sandbox.loseAnswers("ops", "POST", "/apis/coordination.k8s.io/v1/namespaces/platform/leases", 1);
      sandbox.loseAnswers("ops", "POST", "/api/v1/namespaces/platform/secrets", 1);
      sandbox.loseAnswers("ops", "PUT", "/apis/coordination.k8s.io/v1/namespaces/platform/leases/pullplan-state-prod", 1);

      CliRun.Result apply = cli.inStack("apply", "--auto-approve");

      assertThat(apply.exit()).as(apply.all()).isZero();
      assertThat(cli.inStack("plan", "--detailed-exitcode").exit()).as("the state holds the apply's work").isZero();
    }
  }

  @Test
  void applyRecordsTheCommitBranchAndCleanTree() throws Exception {
    ObjectId head = commitAll();

    assertThat(cli.inStack("apply", "--auto-approve", "--require-clean").exit()).isZero();

    assertThat(cli.inStack("show", "--json").out()).contains("\"commit\" : \"" + head.name() + "\"")
        .contains("\"branch\" : \"main\"").contains("\"dirty\" : false");
    assertThat(cli.inStack("show").out()).contains("Last applied from commit " + head.name() + " on main")
        .doesNotContain("uncommitted");
  }

  @Test
  void applyRequireCleanRefusesADirtyWorkTree() throws Exception {
    commitAll();
    Files.writeString(dir.resolve("main.pullplan.hcl"), CommandLineTest.STACK + "\n# edited\n");

    CliRun.Result r = cli.inStack("apply", "--auto-approve", "--require-clean");

    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("--require-clean: the git work tree of").contains("has uncommitted changes");
    assertThat(dir.resolve(Workspace.STATE_FILE)).doesNotExist();
  }

  @Test
  void uncommittedNewConfigFileMakesTheTreeDirty() throws Exception {
    commitAll();
    Files.writeString(dir.resolve("extra.pullplan.hcl"), "");

    assertThat(cli.inStack("apply", "--auto-approve", "--require-clean").exit()).isEqualTo(ExitCodes.ERROR);
  }

  @Test
  void stateFilesAndSavedPlansDoNotMakeTheTreeDirty() throws Exception {
    commitAll();
    assertThat(cli.inStack("apply", "--auto-approve").exit()).isZero();
    Files.writeString(dir.resolve("change.plan"), "not config");

    assertThat(cli.inStack("apply", "--auto-approve", "--require-clean").exit()).isZero();
  }

  @Test
  void dirtyApplyIsRecordedAsDirty() throws Exception {
    commitAll();
    Files.writeString(dir.resolve("main.pullplan.hcl"), CommandLineTest.STACK + "\n# edited\n");

    assertThat(cli.inStack("apply", "--auto-approve").exit()).isZero();

    assertThat(cli.inStack("show").out()).contains("(work tree had uncommitted changes)");
  }

  @Test
  void requireCleanOutsideAGitWorkTreeIsRefused() {
    CliRun.Result r = cli.inStack("apply", "--auto-approve", "--require-clean");

    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("is not in a git work tree");
  }

  private ObjectId commitAll() throws Exception {
    try (Git git = Git.init().setDirectory(tmp.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      RevCommit c = git.commit().setMessage("stack").setAuthor("t", "t@example.org").setCommitter("t", "t@example.org")
          .setSign(false).call();
      return c.getId();
    }
  }

  private Optional<String> stateOnBranch(String branch) throws Exception {
    try (Repository repo = Git.open(bare.toFile()).getRepository()) {
      ObjectId id = repo.resolve("refs/heads/" + branch);
      if (id == null) {
        return Optional.empty();
      }
      try (TreeWalk walk = TreeWalk.forPath(repo, "pullplan.state.json", repo.parseCommit(id).getTree())) {
        return walk == null ? Optional.empty()
            : Optional.of(new String(repo.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
      }
    }
  }
}
