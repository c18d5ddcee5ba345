package dev.pullplan.state;

import dev.pullplan.address.Address;
import dev.pullplan.apply.StateRecorder;
import dev.pullplan.spi.ResourceState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Child JVM: records one change after another through a {@link StateRecorder} on a local state
 * (so through its journal) until killed, printing {@code RECORDED <n>} once the n-th change is
 * durable. Change n sets resource {@code ns-(n mod resources)} to hold {@code v<n>}.
 */
public final class JournalRecorderMain {
  private JournalRecorderMain() {}

  static ResourceState change(int n, int resources) {
    int i = n % resources;
    return new ResourceState(Address.keyed("access", "fleet", "k8s_secret", "ns-" + i), "k8s_secret", "kubernetes",
        "ns-" + i + "/acr-pull", Map.of("namespace", "ns-" + i, "change", (long) n), Map.of(".dockerconfigjson", "v" + n),
        List.of());
  }

  public static void main(String[] args) {
    LocalStateBackend backend = new LocalStateBackend(Path.of(args[0]), Optional.empty(), w -> {});
    int resources = Integer.parseInt(args[1]);
    StateRecorder recorder = new StateRecorder(backend, StateFixtures.big(1, resources), type -> Set.of());
    System.out.println("STARTED");
    System.out.flush();
    for (int n = 0; ; n++) {
      ResourceState r = change(n, resources);
      recorder.record(r.address(), Optional.of(r));
      System.out.println("RECORDED " + n);
      System.out.flush();
    }
  }
}
