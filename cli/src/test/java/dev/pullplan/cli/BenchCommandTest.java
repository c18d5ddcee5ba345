package dev.pullplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The benchmark prints figures; what it must get right is the work, not the time. The calls the
 * sandbox answers are facts: a no-op plan's must not grow with namespaces.
 */
class BenchCommandTest {
  @Test
  void aNoOpPlanCostsTheSameCallsAtEveryNamespaceCountWithinTheFleetBudget() throws Exception {
    int clusters = 3;
    int registries = 1;

    CliRun.Result bench = CliRun.withDiscoveredProviders(Path.of(""), Map.of()).run("bench", "--clusters", String.valueOf(clusters), "--registries",
        String.valueOf(registries), "--namespaces", "1,4", "--json");

    assertThat(bench.exit()).as(bench.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(bench.out());
    List<String> names = new ArrayList<>();
    doc.path("runs").forEach(r -> names.add(r.path("name").asText()));
    assertThat(names).containsExactly("first_plan", "apply", "noop_plan", "drift_plan", "repair_apply",
        "first_plan", "apply", "noop_plan", "drift_plan", "repair_apply");
    List<Long> noop = new ArrayList<>();
    for (JsonNode run : doc.path("runs")) {
      assertThat(run.path("calls").path("total").asLong())
          .isEqualTo(sum(run.path("calls").path("by_api")));
      assertThat(run.has("wall_ms") && run.has("bound_ms") && run.path("peak_heap_bytes").asLong() > 0).isTrue();
      if (run.path("name").asText().equals("noop_plan")) {
        noop.add(run.path("calls").path("total").asLong());
        assertThat(run.path("changes").asInt()).isZero();
      }
      if (run.path("name").asText().equals("apply")) {
        // one service_account access per cluster: a Secret and a ServiceAccount entry per namespace,
        // and the access's scope map and ACR token
        assertThat(run.path("changes").asInt()).isEqualTo(clusters * (2 * run.path("namespaces").asInt() + 2));
        // as the sandbox counted them: a Secret is one create; an entry needs no GET of its
        // account (one LIST per cluster, then each write's answer), only its PUT
        JsonNode verbs = run.path("calls").path("by_verb");
        int entries = clusters * run.path("namespaces").asInt();
        assertThat(verbs.path("kubernetes create secrets").asInt()).isEqualTo(entries);
        assertThat(verbs.has("kubernetes get serviceaccounts")).as(verbs.toString()).isFalse();
        assertThat(verbs.path("kubernetes list serviceaccounts").asInt()).isEqualTo(clusters);
        assertThat(verbs.path("kubernetes update serviceaccounts").asInt()).isGreaterThanOrEqualTo(entries);
        // pods admitted without the secret: one LIST per cluster once the changes ran, not one per entry
        assertThat(verbs.path("kubernetes list pods").asInt()).isEqualTo(clusters);
        // a create's check for a foreign scope map or token of its name: the registry's list, not a GET each
        assertThat(verbs.has("arm GET scopeMaps/{name}") || verbs.has("arm GET tokens/{name}")).as(verbs.toString())
            .isFalse();
      }
      if (run.path("name").asText().equals("repair_apply")) {
        assertThat(run.path("changes").asInt()).isPositive();
      }
    }
    assertThat(noop).hasSize(2);
    assertThat(noop.get(0)).isEqualTo(noop.get(1)).isPositive().isLessThanOrEqualTo(3L * clusters + 2L * registries + 10);
    // the registry's tokens and scope maps are listed once each, not read one GET per access
    JsonNode noopRun = doc.path("runs").get(2);
    assertThat(noopRun.path("calls").path("by_verb").path("arm GET tokens").asLong()).isEqualTo(registries);
    assertThat(noopRun.path("calls").path("by_verb").path("arm GET scopeMaps").asLong()).isEqualTo(registries);
    assertThat(noopRun.path("calls").path("by_verb").has("arm GET tokens/{name}")).isFalse();
  }

  @Test
  void aCappedPlanRunsInItsOwnJvmAndMakesTheCallsOfTheNoOpPlan() throws Exception {
    CliRun.Result bench = CliRun.withDiscoveredProviders(Path.of(""), Map.of()).run("bench", "--clusters", "2",
        "--registries", "1", "--namespaces", "2", "--plan-heap", "128m", "--json");

    assertThat(bench.exit()).as(bench.err()).isZero();
    JsonNode runs = new ObjectMapper().readTree(bench.out()).path("runs");
    JsonNode noop = runs.get(2);
    JsonNode capped = runs.get(3);
    assertThat(capped.path("name").asText()).isEqualTo("noop_plan_capped");
    // the child's own GC log: a figure of its heap, not of the bench's JVM, and within its cap
    assertThat(capped.path("peak_heap_bytes").asLong()).isBetween(1L, 128L << 20);
    assertThat(capped.path("calls").path("by_verb")).isEqualTo(noop.path("calls").path("by_verb"));
  }

  private static long sum(JsonNode counts) {
    long total = 0;
    for (JsonNode n : counts) {
      total += n.asLong();
    }
    return total;
  }
}
