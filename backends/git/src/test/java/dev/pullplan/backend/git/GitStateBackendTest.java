package dev.pullplan.backend.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullplan.PullplanException;
import dev.pullplan.state.BackendContext;
import dev.pullplan.state.State;
import dev.pullplan.state.StateBackend;
import dev.pullplan.state.StateBackends;
import dev.pullplan.state.StateFixtures;
import dev.pullplan.state.StateLock;
import dev.pullplan.state.StateLockedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real bare repository over jgit's local transport ({@code file://}), each backend with its own cache like a separate machine. */
class GitStateBackendTest {
  @TempDir Path dir;
  Path bare;
  String url;
  final List<String> warnings = new CopyOnWriteArrayList<>();
  int clones;

  @BeforeEach
  void bareRepository() throws Exception {
    bare = dir.resolve("state.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    url = bare.toUri().toString();
  }

  /** A backend as a separate machine would open it: its own cache directory. */
  StateBackend machine(Map<String, String> extra) {
    Map<String, String> settings = new java.util.HashMap<>(Map.of("url", url));
    settings.putAll(extra);
    return StateBackends.discover().open(new BackendContext("git", settings, dir, Optional.empty(),
        Map.of("XDG_CACHE_HOME", dir.resolve("cache-" + (clones++)).toString()), warnings::add));
  }

  StateBackend machine() {
    return machine(Map.of());
  }

  @Test
  void emptyRepositoryHasNoState() {
    assertThat(machine().read()).isEmpty();
  }

  @Test
  void stateWrittenByOneCloneIsReadByAnother() {
    machine().write(StateFixtures.sample());

    assertThat(machine().read()).contains(StateFixtures.sample());
  }

  @Test
  void writeCommitsTheStateFileToTheBranch() throws Exception {
    machine(Map.of("branch", "infra-state", "path", "stacks/prod/state.json")).write(StateFixtures.sample());

    try (Repository repo = Git.open(bare.toFile()).getRepository()) {
      RevCommit head = repo.parseCommit(repo.resolve("refs/heads/infra-state"));
      assertThat(head.getFullMessage()).startsWith("pullplan: state serial 7");
      assertThat(TreeWalk.forPath(repo, "stacks/prod/state.json", head.getTree())).isNotNull();
    }
  }

  @Test
  void relativePathIsResolvedAgainstTheConfigDirectory() {
    StateBackend relative = StateBackends.discover().open(new BackendContext("git", Map.of("url", "state.git"), dir,
        Optional.empty(), Map.of("XDG_CACHE_HOME", dir.resolve("cache-rel").toString()), warnings::add));
    relative.write(StateFixtures.sample());

    assertThat(machine().read()).contains(StateFixtures.sample());
  }

  @Test
  void plaintextSecretsWarnThatEveryReaderOfTheRepositorySeesThem() {
    machine().write(StateFixtures.sample());

    assertThat(warnings).singleElement().asString().contains("2 secret values unencrypted")
        .contains("readable by everyone who can read the repository");
  }

  @Test
  void writeOverAStateSomeoneElseWroteFailsNamingTheirCommit() {
    StateBackend first = machine();
    StateBackend second = machine();
    first.write(StateFixtures.sample());
    first.read();
    second.read();
    second.write(StateFixtures.sample().nextSerial());

    assertThatThrownBy(() -> first.write(StateFixtures.sample().nextSerial().nextSerial()))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("someone else wrote to the branch")
        .hasMessageContaining("\"pullplan: state serial 8\"")
        .hasMessageContaining("Nothing was overwritten");
    assertThat(machine().read()).map(State::serial).contains(8L);
  }

  @Test
  void afterAConflictTheNextWriteIsRefusedToo() {
    StateBackend first = machine();
    StateBackend second = machine();
    first.write(StateFixtures.sample());
    second.read();
    second.write(StateFixtures.sample().nextSerial());
    assertThatThrownBy(() -> first.write(StateFixtures.sample().nextSerial().nextSerial()))
        .hasMessageContaining("someone else wrote to the branch");

    // an apply goes on writing after each change; none of those writes may replace the other run's state
    assertThatThrownBy(() -> first.write(StateFixtures.sample().nextSerial().nextSerial().nextSerial()))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("someone else wrote to the branch");
    assertThat(machine().read()).map(State::serial).contains(8L);
  }

  @Test
  void lockIsACommittedFileRemovedOnRelease() throws Exception {
    StateBackend backend = machine();
    try (StateLock lock = backend.lock("apply", Duration.ZERO)) {
      assertThat(fileOnBranch("pullplan.state.json.lock")).hasValueSatisfying(f -> assertThat(f).contains(lock.info().id()));
    }
    assertThat(fileOnBranch("pullplan.state.json.lock")).isEmpty();
  }

  @Test
  void secondWriterIsRefusedWithTheHolder() {
    try (StateLock held = machine().lock("apply", Duration.ZERO)) {
      assertThatThrownBy(() -> machine().lock("destroy", Duration.ZERO))
          .isInstanceOfSatisfying(StateLockedException.class, e -> assertThat(e.holder()).isEqualTo(held.info()))
          .hasMessageContaining("for 'apply'")
          .hasMessageContaining("pullplan force-unlock " + held.info().id());
    }
  }

  @Test
  void secondWriterWaitsUpToTheTimeoutForTheLock() throws Exception {
    StateLock held = machine().lock("apply", Duration.ZERO);
    StateBackend waiting = machine();
    CompletableFuture<StateLock> next = CompletableFuture.supplyAsync(() -> waiting.lock("apply", Duration.ofSeconds(20)));
    Thread.sleep(1_500);
    assertThat(next).isNotDone();

    held.close();

    try (StateLock got = next.get(20, TimeUnit.SECONDS)) {
      assertThat(got.info().id()).isNotEqualTo(held.info().id());
    }
  }

  @Test
  void writesUnderTheLockKeepTheLockFile() throws Exception {
    StateBackend backend = machine();
    try (StateLock lock = backend.lock("apply", Duration.ZERO)) {
      backend.write(StateFixtures.sample());
      assertThat(fileOnBranch("pullplan.state.json.lock")).hasValueSatisfying(f -> assertThat(f).contains(lock.info().id()));
    }
    assertThat(machine().read()).contains(StateFixtures.sample());
  }

  @Test
  void twoClonesRacingForTheLockGetItOneAtATime() throws Exception {
    int racers = 4;
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<String>> outcomes = new ArrayList<>();
    List<StateBackend> backends = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      backends.add(machine());
    }
    for (StateBackend backend : backends) {
      outcomes.add(CompletableFuture.supplyAsync(() -> {
        await(start);
        try {
          StateLock lock = backend.lock("apply", Duration.ZERO);
          return "won " + lock.info().id();
        } catch (StateLockedException e) {
          return "refused";
        }
      }));
    }
    start.countDown();

    List<String> results = new ArrayList<>();
    for (CompletableFuture<String> f : outcomes) {
      results.add(f.get(60, TimeUnit.SECONDS));
    }
    assertThat(results.stream().filter(r -> r.startsWith("won"))).hasSize(1);
    assertThat(results.stream().filter(r -> r.equals("refused"))).hasSize(racers - 1);
  }

  @Test
  void forceUnlockRemovesTheLockOfARunThatDied() throws Exception {
    StateLock abandoned = machine().lock("apply", Duration.ZERO);

    machine().forceUnlock(abandoned.info().id());

    assertThat(fileOnBranch("pullplan.state.json.lock")).isEmpty();
    machine().lock("apply", Duration.ZERO).close();
  }

  @Test
  void forceUnlockRefusesAnotherId() {
    machine().lock("apply", Duration.ZERO);

    assertThatThrownBy(() -> machine().forceUnlock("not-the-id"))
        .isInstanceOf(PullplanException.class).hasMessageContaining("is not locked by not-the-id");
  }

  @Test
  void missingTokenVariableIsNamed() {
    assertThatThrownBy(() -> machine(Map.of("token_env", "STATE_REPO_TOKEN")))
        .isInstanceOf(PullplanException.class).hasMessageContaining("STATE_REPO_TOKEN").hasMessageContaining("not set");
  }

  @Test
  void passwordInTheUrlNeverReachesAMessage() {
    url = "http://ci:hunter2-secret@127.0.0.1:9/state.git";

    assertThatThrownBy(() -> machine().read())
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("cannot fetch")
        .hasMessageNotContaining("hunter2-secret");
  }

  @Test
  void unknownSettingIsRefusedWithTheKnownOnes() {
    assertThatThrownBy(() -> machine(Map.of("branhc", "x")))
        .isInstanceOf(PullplanException.class).hasMessageContaining("\"branhc\"").hasMessageContaining("branch");
  }

  private Optional<String> fileOnBranch(String path) throws Exception {
    try (Repository repo = Git.open(bare.toFile()).getRepository()) {
      RevCommit head = repo.parseCommit(repo.resolve("refs/heads/pullplan-state"));
      try (TreeWalk walk = TreeWalk.forPath(repo, path, head.getTree())) {
        return walk == null ? Optional.empty() : Optional.of(new String(repo.open(walk.getObjectId(0)).getBytes()));
      }
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
