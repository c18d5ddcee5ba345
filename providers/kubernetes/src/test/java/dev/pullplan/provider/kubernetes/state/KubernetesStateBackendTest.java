package dev.pullplan.provider.kubernetes.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullplan.PullplanException;
import dev.pullplan.address.Address;
import dev.pullplan.sandbox.kube.KubeSandbox;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.state.BackendContext;
import dev.pullplan.state.LockInfo;
import dev.pullplan.state.LockInfoJson;
import dev.pullplan.state.State;
import dev.pullplan.state.StateBackend;
import dev.pullplan.state.StateBackends;
import dev.pullplan.state.StateFixtures;
import dev.pullplan.state.StateLock;
import dev.pullplan.state.StateLockedException;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the sandbox's Kubernetes API (fabric8's mock server in CRUD mode). */
class KubernetesStateBackendTest {
  static KubeSandbox sandbox;
  static KubernetesClient client;
  static int stacks;
  static final String LEASES = "/apis/coordination.k8s.io/v1/namespaces/platform/leases";
  static final String SECRETS = "/api/v1/namespaces/platform/secrets";
  @TempDir Path dir;
  final List<String> warnings = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    sandbox = KubeSandbox.start(List.of("state"));
    client = sandbox.client("state");
    // as on a real cluster, the backend's namespace must exist before state can be written there
    client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
        .withNewMetadata().withName("platform").endMetadata().build()).create();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @AfterEach
  void healTheServer() {
    sandbox.clearFaults("state");
    sandbox.latency(Duration.ZERO);
  }

  /** Each test its own state name, so tests share the server without seeing each other. */
  String freshName() {
    return "stack-" + (++stacks);
  }

  StateBackend backend(String name, Map<String, String> extra) {
    Path kubeconfig = sandbox.writeKubeconfig(dir.resolve("kubeconfig"));
    Map<String, String> settings = new HashMap<>(Map.of("name", name, "namespace", "platform",
        "kubeconfig", kubeconfig.toString()));
    settings.putAll(extra);
    return StateBackends.discover().open(new BackendContext("kubernetes", settings, dir, Optional.empty(), Map.of(),
        warnings::add));
  }

  StateBackend backend(String name) {
    return backend(name, Map.of());
  }

  StateBackend shortLease(String name) {
    return backend(name, Map.of("lease_duration", "2s"));
  }

  @Test
  void aNameLongerThanALabelValueIsRefusedBeforeAnyWrite() {
    String name = "a".repeat(64);

    assertThatThrownBy(() -> backend(name)).isInstanceOf(PullplanException.class)
        .hasMessageContaining("63 characters at most");
  }

  @Test
  void aNameOfSixtyThreeCharactersIsWrittenOnAServerThatChecksLabelValues() {
    String name = "b".repeat(63);
    StateBackend backend = backend(name);

    backend.write(StateFixtures.sample());

    assertThat(backend.read()).isPresent();
  }

  @Test
  void aStateWrittenByANewerPullplanIsReadWithAWarningNamingBothVersions() {
    StateBackend backend = backend(freshName());
    var sample = StateFixtures.sample();
    backend.write(new dev.pullplan.state.State(sample.formatVersion(), sample.serial(), sample.lineage(), sample.stack(),
        "99.0.0", sample.configDigest(), sample.provenance(), sample.resources()));

    assertThat(backend.read()).isPresent();
    assertThat(warnings).anySatisfy(w -> assertThat(w).contains("99.0.0"));
  }

  @Test
  void missingStateReadsAsEmpty() {
    assertThat(backend(freshName()).read()).isEmpty();
  }

  @Test
  void stateWrittenIsReadBackByAnotherRun() {
    String name = freshName();
    backend(name).write(StateFixtures.sample());

    assertThat(backend(name).read()).contains(StateFixtures.sample());
  }

  @Test
  void smallStateIsOneGzippedSecret() {
    String name = freshName();
    backend(name).write(StateFixtures.sample());

    Secret index = client.secrets().inNamespace("platform").withName("pullplan-state-" + name).get();
    assertThat(index.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "pullplan");
    byte[] stored = Base64.getDecoder().decode(index.getData().get(ChunkedSecretStore.INLINE_KEY));
    assertThat(stored[0] & 0xff).isEqualTo(0x1f);
    assertThat(stored[1] & 0xff).isEqualTo(0x8b);
    assertThat(stateSecrets(name)).hasSize(1);
  }

  @Test
  void aDamagedChunkCountIsReportedAsDamagedState() {
    String name = freshName();
    backend(name).write(StateFixtures.sample());
    Secret index = client.secrets().inNamespace("platform").withName("pullplan-state-" + name).get();
    index.getMetadata().getAnnotations().put(ChunkedSecretStore.CHUNKS, "many");
    client.secrets().inNamespace("platform").resource(index).update();

    assertThatThrownBy(() -> backend(name).read())
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("is damaged: its pullplan.dev/chunks annotation is \"many\"");
  }

  @Test
  void plaintextSecretsWarn() {
    backend(freshName()).write(StateFixtures.sample());

    assertThat(warnings).singleElement().asString().contains("2 secret values unencrypted");
  }

  @Test
  void stateAboveOneMebibyteIsSplitAcrossSecretsAndReadBackWhole() {
    String name = freshName();
    State big = incompressible(3_000_000);
    backend(name).write(big);

    assertThat(stateSecrets(name)).hasSizeGreaterThanOrEqualTo(4);
    assertThat(backend(name).read()).contains(big);
  }

  @Test
  void rewritingChunkedStateLeavesOnlyTheNewGenerationsChunks() {
    String name = freshName();
    StateBackend backend = backend(name);
    backend.write(incompressible(2_500_000));
    int first = stateSecrets(name).size();
    State next = incompressible(2_500_000).nextSerial();
    backend.write(next);

    assertThat(stateSecrets(name)).hasSize(first);
    assertThat(backend(name).read()).contains(next);
  }

  @Test
  void shrinkingBelowTheChunkSizeRemovesTheChunks() {
    String name = freshName();
    StateBackend backend = backend(name);
    backend.write(incompressible(2_500_000));
    backend.write(StateFixtures.sample());

    assertThat(stateSecrets(name)).hasSize(1);
    assertThat(backend(name).read()).contains(StateFixtures.sample());
  }

  @Test
  void lockIsALeaseNamingItsHolder() {
    String name = freshName();
    try (StateLock lock = backend(name).lock("apply", Duration.ZERO)) {
      Lease lease = client.leases().inNamespace("platform").withName("pullplan-state-" + name).get();
      assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(lock.info().id());
      assertThat(lease.getSpec().getLeaseDurationSeconds()).isEqualTo(60);
      assertThat(LockInfoJson.decode(lease.getMetadata().getAnnotations().get(LeaseLock.HOLDER)
          .getBytes(StandardCharsets.UTF_8))).contains(lock.info());
    }
    Lease released = client.leases().inNamespace("platform").withName("pullplan-state-" + name).get();
    assertThat(released.getSpec().getHolderIdentity()).isNull();
  }

  @Test
  void secondWriterIsRefusedWithTheHoldersDetails() {
    String name = freshName();
    try (StateLock held = backend(name).lock("apply", Duration.ZERO)) {
      assertThatThrownBy(() -> backend(name).lock("destroy", Duration.ZERO))
          .isInstanceOfSatisfying(StateLockedException.class, e -> assertThat(e.holder().id()).isEqualTo(held.info().id()))
          .hasMessageContaining(held.info().who())
          .hasMessageContaining("for 'apply'")
          .hasMessageContaining("unless renewed");
    }
  }

  @Test
  void lockIsFreeAgainAfterRelease() {
    String name = freshName();
    backend(name).lock("apply", Duration.ZERO).close();

    backend(name).lock("apply", Duration.ZERO).close();
  }

  @Test
  void secondWriterWaitsUpToTheTimeout() throws Exception {
    String name = freshName();
    StateLock held = backend(name).lock("apply", Duration.ZERO);
    StateBackend waiting = backend(name);
    CompletableFuture<StateLock> next = CompletableFuture.supplyAsync(() -> waiting.lock("apply", Duration.ofSeconds(20)));
    Thread.sleep(1_000);
    assertThat(next).isNotDone();

    held.close();

    next.get(20, TimeUnit.SECONDS).close();
  }

  @Test
  void leaseOfACrashedRunExpiresAfterItsDuration() throws Exception {
    String name = freshName();
    crashedHolder(name, Instant.now(), 2);
    assertThatThrownBy(() -> backend(name).lock("apply", Duration.ZERO)).isInstanceOf(StateLockedException.class);

    Thread.sleep(2_500);

    try (StateLock taken = backend(name).lock("apply", Duration.ZERO)) {
      assertThat(client.leases().inNamespace("platform").withName("pullplan-state-" + name).get()
          .getSpec().getHolderIdentity()).isEqualTo(taken.info().id());
    }
  }

  @Test
  void renewalKeepsTheLeaseBeyondItsDuration() throws Exception {
    String name = freshName();
    try (StateLock held = shortLease(name).lock("apply", Duration.ZERO)) {
      Thread.sleep(4_500);

      assertThatThrownBy(() -> shortLease(name).lock("apply", Duration.ZERO))
          .isInstanceOfSatisfying(StateLockedException.class, e -> assertThat(e.holder().id()).isEqualTo(held.info().id()));
    }
  }

  @Test
  void writeAfterTheLeaseWasTakenOverIsRefused() throws Exception {
    String name = freshName();
    StateBackend backend = shortLease(name);
    try (StateLock held = backend.lock("apply", Duration.ZERO)) {
      Lease lease = client.leases().inNamespace("platform").withName("pullplan-state-" + name).get();
      client.leases().inNamespace("platform").resource(new LeaseBuilder(lease).editSpec()
          .withHolderIdentity("someone-else").endSpec().build()).update();
      Thread.sleep(1_500);

      assertThatThrownBy(() -> backend.write(StateFixtures.sample()))
          .isInstanceOf(PullplanException.class).hasMessageContaining("was lost");
    }
    assertThat(backend(name).read()).isEmpty();
  }

  @Test
  void forceUnlockFreesTheLeaseOfTheGivenId() {
    String name = freshName();
    crashedHolder(name, Instant.now(), 600);

    assertThatThrownBy(() -> backend(name).forceUnlock("wrong-id")).hasMessageContaining("is not locked by wrong-id");
    backend(name).forceUnlock("crashed-run");

    backend(name).lock("apply", Duration.ZERO).close();
  }

  // fabric8 retries every verb on a 5xx: a write stored before its answer was lost meets itself (409) on the retry

  @Test
  void aLockWhoseLeaseCreateAnswerWasLostIsTakenAtOnce() {
    String name = freshName();
    sandbox.clearCalls();
    sandbox.loseAnswers("state", "POST", LEASES, 1);

    try (StateLock lock = backend(name).lock("apply", Duration.ZERO)) {
      assertThat(lease(name).getSpec().getHolderIdentity()).isEqualTo(lock.info().id());
    }
    assertThat(sandbox.calls()).containsEntry("create leases", 2L); // fabric8 did retry the stored create
  }

  @Test
  void aLockTakingOverAnExpiredLeaseWhoseUpdateAnswerWasLostIsTakenAtOnce() {
    String name = freshName();
    crashedHolder(name, Instant.now().minusSeconds(600), 2);
    sandbox.loseAnswers("state", "PUT", LEASES + "/pullplan-state-" + name, 1);

    try (StateLock lock = backend(name).lock("apply", Duration.ZERO)) {
      assertThat(lease(name).getSpec().getHolderIdentity()).isEqualTo(lock.info().id());
    }
  }

  @Test
  void renewalsWhoseAnswersWereLostStillKeepTheLockForWrites() throws Exception {
    String name = freshName();
    StateBackend backend = shortLease(name);
    try (StateLock held = backend.lock("apply", Duration.ZERO)) {
      sandbox.loseAnswers("state", "PUT", LEASES + "/pullplan-state-" + name, 1_000);
      Thread.sleep(3_000);

      backend.write(StateFixtures.sample());
    }
    assertThat(backend(name).read()).contains(StateFixtures.sample());
  }

  @Test
  void aReleaseWhoseAnswerWasLostFreesTheLockWithoutAnError() {
    String name = freshName();
    StateLock lock = backend(name).lock("apply", Duration.ZERO);
    sandbox.loseAnswers("state", "PUT", LEASES + "/pullplan-state-" + name, 1);

    lock.close();

    assertThat(lease(name).getSpec().getHolderIdentity()).isNull();
  }

  @Test
  void aChunkCreateWhoseAnswerWasLostIsWrittenAndReadBack() {
    String name = freshName();
    State big = incompressible(1_500_000);
    sandbox.loseAnswers("state", "POST", SECRETS, 1); // the first chunk: chunks come before the index

    backend(name).write(big);

    assertThat(backend(name).read()).contains(big);
  }

  @Test
  void aFirstIndexCreateWhoseAnswerWasLostIsWrittenAndReadBack() {
    String name = freshName();
    sandbox.loseAnswers("state", "POST", SECRETS, 1);

    backend(name).write(StateFixtures.sample());

    assertThat(backend(name).read()).contains(StateFixtures.sample());
  }

  @Test
  void anIndexSwitchWhoseAnswerWasLostIsWrittenAndReadBack() {
    String name = freshName();
    StateBackend backend = backend(name);
    backend.write(StateFixtures.sample());
    State next = StateFixtures.sample().nextSerial();
    sandbox.loseAnswers("state", "PUT", SECRETS + "/pullplan-state-" + name, 1);

    backend.write(next);

    assertThat(backend(name).read()).contains(next);
  }

  @Test
  void anIndexSomeoneElseCreatedDuringTheWriteIsNotOverwritten() throws Exception {
    String name = freshName();
    StateBackend backend = backend(name);
    Secret foreign = client.secrets().inNamespace("platform").resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
        .withNewMetadata().withName("pullplan-state-" + name).withNamespace("platform")
        .withAnnotations(Map.of(ChunkedSecretStore.CHUNKS, "0")).endMetadata()
        .withData(Map.of(ChunkedSecretStore.INLINE_KEY, Base64.getEncoder().encodeToString(new byte[] {1, 2, 3})))
        .build()).item();
    CompletableFuture<Void> write = whileTheFirstAnswerIsUnderWay("get secrets",
        () -> backend.write(StateFixtures.sample()),
        () -> client.secrets().inNamespace("platform").resource(foreign).create());

    assertThatThrownBy(write::join).cause().isInstanceOf(PullplanException.class)
        .hasMessageContaining("was written by someone else");
    assertThat(client.secrets().inNamespace("platform").withName("pullplan-state-" + name).get().getData())
        .isEqualTo(foreign.getData());
  }

  @Test
  void aLeaseSomeoneElseTookDuringTheTakeOverIsNotTaken() throws Exception {
    String name = freshName();
    crashedHolder(name, Instant.now().minusSeconds(600), 2);
    StateBackend backend = backend(name);
    CompletableFuture<Void> lock = whileTheFirstAnswerIsUnderWay("get leases",
        () -> backend.lock("apply", Duration.ZERO).close(),
        () -> client.leases().inNamespace("platform").resource(new LeaseBuilder(lease(name))
            .editMetadata().addToAnnotations(LeaseLock.HOLDER, new String(LockInfoJson.encode(new LockInfo("someone-else",
                "apply", "ci@runner-8 pid 2", Instant.now(), "0.1.0")), StandardCharsets.UTF_8)).endMetadata()
            .editSpec().withHolderIdentity("someone-else").withRenewTime(ZonedDateTime.now(ZoneOffset.UTC))
            .withLeaseDurationSeconds(600).endSpec().build()).update());

    assertThatThrownBy(lock::join).cause().isInstanceOfSatisfying(StateLockedException.class,
        e -> assertThat(e.holder().id()).isEqualTo("someone-else"));
    assertThat(sandbox.calls()).containsKey("update leases"); // the take-over was refused (409), not skipped
  }

  /**
   * Runs {@code work} against a server that answers late, and {@code meanwhile} (someone else's
   * write) as soon as the server has served the first {@code call} of it: between that read and
   * the write it leads to.
   */
  private CompletableFuture<Void> whileTheFirstAnswerIsUnderWay(String call, Runnable work, Runnable meanwhile)
      throws InterruptedException {
    sandbox.clearCalls();
    sandbox.latency(Duration.ofSeconds(1));
    CompletableFuture<Void> running = CompletableFuture.runAsync(work);
    while (!sandbox.calls().containsKey(call)) {
      Thread.sleep(10);
    }
    meanwhile.run();
    running.exceptionally(e -> null).join();
    return running;
  }

  @Test
  void nameMustFitASecretName() {
    assertThatThrownBy(() -> backend("Prod_State")).isInstanceOf(PullplanException.class)
        .hasMessageContaining("lower-case letters");
  }

  private void crashedHolder(String name, Instant renewed, int seconds) {
    LockInfo info = new LockInfo("crashed-run", "apply", "ci@runner-7 pid 1", renewed, "0.1.0");
    client.leases().inNamespace("platform").resource(new LeaseBuilder().withNewMetadata()
        .withName("pullplan-state-" + name).withNamespace("platform")
        .withAnnotations(Map.of(LeaseLock.HOLDER, new String(LockInfoJson.encode(info), StandardCharsets.UTF_8)))
        .endMetadata().withNewSpec().withHolderIdentity("crashed-run").withLeaseDurationSeconds(seconds)
        .withAcquireTime(renewed.atZone(ZoneOffset.UTC)).withRenewTime(renewed.atZone(ZoneOffset.UTC)).endSpec()
        .build()).create();
  }

  private Lease lease(String name) {
    return client.leases().inNamespace("platform").withName("pullplan-state-" + name).get();
  }

  private List<Secret> stateSecrets(String name) {
    return client.secrets().inNamespace("platform").withLabel(ChunkedSecretStore.STATE_LABEL, name).list().getItems();
  }

  /** A state whose gzip is about {@code bytes} long: random values do not compress. */
  private static State incompressible(int bytes) {
    SecureRandom random = new SecureRandom();
    List<ResourceState> resources = new ArrayList<>();
    int per = 100_000;
    for (int i = 0; i * per * 3 / 4 < bytes; i++) {
      byte[] noise = new byte[per * 3 / 4];
      random.nextBytes(noise);
      resources.add(new ResourceState(Address.keyed("access", "fleet", "k8s_secret", "ns-" + i), "k8s_secret",
          "kubernetes", "ns-" + i + "/pull", Map.of("noise", Base64.getEncoder().encodeToString(noise)), Map.of(),
          List.of()));
    }
    return new State(State.FORMAT_VERSION, 1, "big", "0.1.0-test", "sha256:x", Optional.empty(), resources);
  }
}
