package dev.pullplan.cli;

import java.util.Locale;
import java.util.Map;

/**
 * One measured run of the benchmark.
 *
 * @param callsByApi requests the sandbox answered, by API ({@code kubernetes}, {@code arm}, {@code graph}, ...)
 * @param callsByVerb the same by API, verb and resource kind, e.g. {@code kubernetes list secrets}
 * @param chain calls that must follow one another (each needs the answer of the one before)
 * @param boundMs the round-trip lower bound: latency × max(chain, calls / parallelism)
 * @param engineCalls the calls pullplan itself counted, by {@code provider: call}
 */
record BenchRun(String name, int namespaces, long wallMs, long boundMs, int chain, int changes, long peakHeapBytes,
    Map<String, Long> callsByApi, Map<String, Long> callsByVerb, Map<String, Long> engineCalls) {

  long totalCalls() {
    return callsByApi.values().stream().mapToLong(Long::longValue).sum();
  }

  String ratioText() {
    return boundMs == 0 ? "-" : String.format(Locale.ROOT, "%.2f", (double) wallMs / boundMs);
  }
}
