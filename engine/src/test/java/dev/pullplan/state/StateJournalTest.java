package dev.pullplan.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.address.Address;
import dev.pullplan.apply.StateRecorder;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.state.crypto.Keyring;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal beside a local state: each change one line, replayed by the next reader, gone after the apply. */
class StateJournalTest {
  @TempDir Path dir;

  private Path file() {
    return dir.resolve("pullplan.state.json");
  }

  private Path journal() {
    return dir.resolve("pullplan.state.json.journal");
  }

  private static ResourceState secret(int i, String value) {
    return new ResourceState(Address.keyed("access", "fleet", "k8s_secret", "ns-" + i), "k8s_secret", "kubernetes",
        "ns-" + i + "/acr-pull", Map.of("namespace", "ns-" + i), Map.of(".dockerconfigjson", value), List.of());
  }

  private LocalStateBackend backend(Optional<Keyring> key, List<String> warnings) {
    return new LocalStateBackend(file(), key, warnings::add);
  }

  @Test
  void changesRecordedBeforeAKillAreReadBackFromTheJournal() throws Exception {
    LocalStateBackend backend = backend(Optional.empty(), new ArrayList<>());
    StateRecorder recorder = new StateRecorder(backend, StateFixtures.big(3, 50), type -> Set.of());
    for (int i = 0; i < 5; i++) {
      recorder.record(secret(i, "v2-" + i).address(), Optional.of(secret(i, "v2-" + i)));
    }
    recorder.record(secret(7, "").address(), Optional.empty());
    // no finish(): the process died here

    assertThat(journal()).exists();
    State read = backend(Optional.empty(), new ArrayList<>()).read().orElseThrow();
    assertThat(read).isEqualTo(recorder.current());
    assertThat(read.resource(secret(2, "").address()).orElseThrow().sensitive()).containsEntry(".dockerconfigjson", "v2-2");
    assertThat(read.resource(secret(7, "").address())).isEmpty();
    assertThat(read.serial()).isEqualTo(4 + 6);
  }

  @Test
  void changesRecordedByManyWorkersAtOnceAreEachReadBackFromTheJournal() throws Exception {
    LocalStateBackend backend = backend(Optional.empty(), new ArrayList<>());
    StateRecorder recorder = new StateRecorder(backend, StateFixtures.big(3, 10), type -> Set.of());
    java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(8);
    List<java.util.concurrent.Future<?>> done = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ResourceState s = secret(100 + i, "w-" + i);
      done.add(workers.submit(() -> recorder.record(s.address(), Optional.of(s))));
    }
    for (java.util.concurrent.Future<?> f : done) {
      f.get();
    }
    workers.shutdown();

    State read = backend(Optional.empty(), new ArrayList<>()).read().orElseThrow();
    assertThat(read).isEqualTo(recorder.current());
    assertThat(read.resource(secret(139, "").address()).orElseThrow().sensitive()).containsEntry(".dockerconfigjson", "w-39");
  }

  @Test
  void aLineCutShortByAKillIsAChangeThatNeverFinished() throws Exception {
    LocalStateBackend backend = backend(Optional.empty(), new ArrayList<>());
    StateRecorder recorder = new StateRecorder(backend, StateFixtures.big(3, 10), type -> Set.of());
    recorder.record(secret(1, "a").address(), Optional.of(secret(1, "a")));
    State finished = recorder.current();
    recorder.record(secret(2, "b").address(), Optional.of(secret(2, "b")));
    byte[] bytes = Files.readAllBytes(journal());
    Files.write(journal(), java.util.Arrays.copyOf(bytes, bytes.length - 7));

    assertThat(backend.read().orElseThrow()).isEqualTo(finished);
  }

  @Test
  void finishWritesTheStateWholeAndRemovesTheJournal() {
    LocalStateBackend backend = backend(Optional.empty(), new ArrayList<>());
    StateRecorder recorder = new StateRecorder(backend, StateFixtures.big(3, 10), type -> Set.of());
    recorder.record(secret(1, "a").address(), Optional.of(secret(1, "a")));
    recorder.finish();

    assertThat(journal()).doesNotExist();
    assertThat(backend.read().orElseThrow()).isEqualTo(recorder.current());
  }

  @Test
  void aJournalOfAnOlderStateIsNotReplayed() throws Exception {
    LocalStateBackend backend = backend(Optional.empty(), new ArrayList<>());
    StateRecorder recorder = new StateRecorder(backend, StateFixtures.big(3, 10), type -> Set.of());
    recorder.record(secret(1, "a").address(), Optional.of(secret(1, "a")));
    byte[] journalBytes = Files.readAllBytes(journal());
    recorder.finish();
    State whole = backend.read().orElseThrow();
    // as if a kill came between the whole write and the journal's removal
    Files.write(journal(), journalBytes, StandardOpenOption.CREATE_NEW);

    assertThat(backend.read().orElseThrow()).isEqualTo(whole);
  }

  @Test
  void anEncryptedStatesJournalHoldsNoSecretInPlaintextAndIsOwnerOnly() throws Exception {
    Optional<Keyring> key = Keyring.fromEnvironment(Map.of(Keyring.PASSPHRASE, "correct horse battery staple"));
    List<String> warnings = new ArrayList<>();
    LocalStateBackend backend = backend(key, warnings);
    StateRecorder recorder = new StateRecorder(backend, StateFixtures.big(3, 2), type -> Set.of());
    recorder.record(secret(1, "s3cr3t-value").address(), Optional.of(secret(1, "s3cr3t-value")));

    assertThat(Files.readString(journal(), StandardCharsets.UTF_8)).doesNotContain("s3cr3t-value");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal()))).isEqualTo("rw-------");
    assertThat(backend.read().orElseThrow().resource(secret(1, "").address()).orElseThrow().sensitive())
        .containsEntry(".dockerconfigjson", "s3cr3t-value");
    assertThat(warnings).isEmpty();
  }

  @Test
  void aPlaintextSecretInTheJournalIsWarnedOfOnce() {
    List<String> warnings = new ArrayList<>();
    LocalStateBackend backend = backend(Optional.empty(), warnings);
    StateRecorder recorder = new StateRecorder(backend, StateFixtures.big(3, 0), type -> Set.of());
    recorder.record(secret(1, "a").address(), Optional.of(secret(1, "a")));
    recorder.record(secret(2, "b").address(), Optional.of(secret(2, "b")));

    assertThat(warnings).filteredOn(w -> w.contains("journal")).singleElement().asString().contains("unencrypted");
  }

  @Test
  void deposedRecordsGoThroughTheJournalToo() {
    LocalStateBackend backend = backend(Optional.empty(), new ArrayList<>());
    StateRecorder recorder = new StateRecorder(backend, StateFixtures.big(3, 2), type -> Set.of());
    String key = recorder.depose(Deposed.Kind.CREDENTIAL, secret(0, "x").withAttributes(Map.of("key_id", "k1"), Map.of()));
    String other = recorder.depose(Deposed.Kind.OBJECT, secret(1, "x").withAttributes(Map.of(), Map.of()));
    recorder.undepose(key);

    State read = backend.read().orElseThrow();
    assertThat(read.deposed()).extracting(Deposed::key).containsExactly(other);
    recorder.finish();
    assertThat(backend.read().orElseThrow().deposed()).extracting(Deposed::key).containsExactly(other);
  }
}
