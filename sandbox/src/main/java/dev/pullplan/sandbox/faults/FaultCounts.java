package dev.pullplan.sandbox.faults;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the fault injector did.
 *
 * @param requests requests each API saw while faults were on (the sandbox's own calls not counted)
 * @param injected faults injected, per API and kind
 * @param longestFaultRun the most failing answers (slow ones not counted) one request — same
 *     API, method and path — got in a row: with every request failing, the attempts a client made
 *     before it gave up, which bounded retries keep small
 * @param longestFaultRunRequest that request, e.g. {@code kubernetes GET /api/v1/namespaces}
 */
public record FaultCounts(Map<FaultTarget, Integer> requests, Map<FaultTarget, Map<FaultKind, Integer>> injected,
    int longestFaultRun, String longestFaultRunRequest) {

  public int totalRequests() {
    return requests.values().stream().mapToInt(Integer::intValue).sum();
  }

  public int totalInjected() {
    return injected.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
  }

  public int injected(FaultKind kind) {
    return injected.values().stream().mapToInt(m -> m.getOrDefault(kind, 0)).sum();
  }

  /** {@code "arm 40/9, kubernetes 120/25, ..."}: requests seen / faults injected. */
  public String summary() {
    return requests.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey().spelling() + " " + e.getValue() + "/"
            + injected.getOrDefault(e.getKey(), Map.of()).values().stream().mapToInt(Integer::intValue).sum())
        .collect(Collectors.joining(", "));
  }
}
