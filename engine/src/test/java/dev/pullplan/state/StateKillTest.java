package dev.pullplan.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed while writing state never leaves a half-written file. */
class StateKillTest {
  private static final int RESOURCES = 1000;

  @TempDir Path dir;

  @Test
  void stateFileAlwaysParsesAsOneOfTheWrittenVersionsAfterAKill() throws Exception {
    Path file = dir.resolve("pullplan.state.json");
    LocalStateBackend reader = new LocalStateBackend(file, Optional.empty(), w -> {});
    LocalStateBackend backupReader = new LocalStateBackend(dir.resolve("pullplan.state.json.backup"), Optional.empty(), w -> {});
    long lastSeen = 0;
    // kill at different moments of a write: right after one finished, and a little into the next
    for (int delayMillis : new int[] {0, 5, 13, 29}) {
      long first = lastSeen + 1;
      try (ChildJvm writer = ChildJvm.start(StateWriterMain.class, file.toString(), String.valueOf(RESOURCES),
          String.valueOf(first))) {
        writer.nextLine();
        writer.nextLine();
        Thread.sleep(delayMillis);
        writer.kill();
      }

      State survived = reader.read().orElseThrow();
      assertThat(survived).isEqualTo(StateFixtures.big(survived.serial(), RESOURCES));
      assertThat(survived.serial()).isGreaterThanOrEqualTo(first + 1);
      State backup = backupReader.read().orElseThrow();
      assertThat(backup).isEqualTo(StateFixtures.big(backup.serial(), RESOURCES));
      lastSeen = survived.serial();
    }
    assertThat(lastSeen).isPositive();

    // a kill between a temp file's creation and its rename leaves it; the next write removes it
    reader.write(StateFixtures.big(lastSeen + 1, RESOURCES));
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp"))).isEmpty();
    }
  }
}
