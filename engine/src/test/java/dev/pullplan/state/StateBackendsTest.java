package dev.pullplan.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullplan.PullplanException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateBackendsTest {
  @TempDir Path dir;

  BackendContext context(String type, Map<String, String> settings) {
    return new BackendContext(type, settings, dir, Optional.empty(), Map.of(), w -> {});
  }

  @Test
  void localBackendIsFoundThroughTheServiceLoader() {
    StateBackend local = StateBackends.discover().open(context("local", Map.of()));

    assertThat(local.describe()).isEqualTo(dir.resolve("pullplan.state.json").toString());
  }

  @Test
  void localPathIsRelativeToTheConfigDirectory() {
    StateBackend local = StateBackends.discover().open(context("local", Map.of("path", "state/prod.json")));

    assertThat(local.describe()).isEqualTo(dir.resolve("state/prod.json").toString());
  }

  @Test
  void unknownTypeNamesTheKnownOnes() {
    assertThatThrownBy(() -> StateBackends.discover().open(context("s3", Map.of())))
        .isInstanceOf(PullplanException.class).hasMessageContaining("no state backend \"s3\"").hasMessageContaining("local");
  }

  @Test
  void unknownSettingIsRefusedBeforeOpening() {
    assertThatThrownBy(() -> StateBackends.discover().open(context("local", Map.of("pth", "x"))))
        .isInstanceOf(PullplanException.class).hasMessageContaining("has no setting \"pth\"; its settings are: path");
  }

  @Test
  void malformedDurationSettingIsNamed() {
    assertThatThrownBy(() -> context("kubernetes", Map.of("lease_duration", "soon")).duration("lease_duration", null))
        .isInstanceOf(PullplanException.class).hasMessageContaining("\"lease_duration\" is \"soon\"");
  }

  @Test
  void missingRequiredSettingSaysHowToSetIt() {
    assertThatThrownBy(() -> context("git", Map.of()).required("url"))
        .isInstanceOf(PullplanException.class).hasMessageContaining("--backend-config url=");
  }
}
