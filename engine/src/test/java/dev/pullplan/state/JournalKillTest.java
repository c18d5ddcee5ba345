package dev.pullplan.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed while recording changes through the journal loses no change it had finished. */
class JournalKillTest {
  private static final int RESOURCES = 500;

  @TempDir Path dir;

  @Test
  void everyChangeReportedDurableIsInTheStateReadAfterAKill() throws Exception {
    Path file = dir.resolve("pullplan.state.json");
    for (int changesBeforeKill : new int[] {1, 7, 40, 150}) {
      int lastDurable = -1;
      try (ChildJvm child = ChildJvm.start(JournalRecorderMain.class, file.toString(), String.valueOf(RESOURCES))) {
        assertThat(child.nextLine()).isEqualTo("STARTED");
        while (lastDurable < changesBeforeKill - 1) {
          lastDurable = Integer.parseInt(child.nextLine().substring("RECORDED ".length()));
        }
        child.kill();
      }

      State read = new LocalStateBackend(file, Optional.empty(), w -> {}).read().orElseThrow();
      // every change reported durable is there; the one in flight may be, too
      for (int n = Math.max(0, lastDurable - RESOURCES + 1); n <= lastDurable; n++) {
        var expected = JournalRecorderMain.change(n, RESOURCES);
        long recorded = (Long) read.resource(expected.address()).orElseThrow().attributes().get("change");
        assertThat(recorded).as("change %d after a kill at %d", n, changesBeforeKill).isGreaterThanOrEqualTo(n);
      }
    }
  }
}
