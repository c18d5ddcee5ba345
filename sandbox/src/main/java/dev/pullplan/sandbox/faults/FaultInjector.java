package dev.pullplan.sandbox.faults;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, for each request to a sandbox API, whether it gets a fault and which, and counts what
 * it did. Off until {@link #inject} is called; the sandbox's own clients are never asked.
 *
 * <p>The decision is a hash of the seed, the API, the method and path, and how many times that
 * same request was seen before — not a shared random stream — so a seed gives each request the
 * same fate however concurrent requests interleave, and a retry of a faulted request is a new draw.
 */
public final class FaultInjector {
  private Optional<FaultSpec> spec = Optional.empty();
  private final Map<String, Integer> seen = new HashMap<>();
  private final Map<String, Integer> faultRun = new HashMap<>();
  private final Map<FaultTarget, Integer> requests = new EnumMap<>(FaultTarget.class);
  private final Map<FaultTarget, Map<FaultKind, Integer>> injected = new EnumMap<>(FaultTarget.class);
  private int longestFaultRun;
  private String longestFaultRunRequest = "";
  private Optional<RequestTripwire> tripwire = Optional.empty();

  /** From now on, faults as {@code value} says; counts start again. */
  public synchronized FaultInjector inject(FaultSpec value) {
    spec = Optional.of(value);
    seen.clear();
    faultRun.clear();
    requests.clear();
    injected.clear();
    longestFaultRun = 0;
    longestFaultRunRequest = "";
    return this;
  }

  /** No more faults; the counts stay readable. */
  public synchronized FaultInjector stop() {
    spec = Optional.empty();
    return this;
  }

  /**
   * From now on, counts every request of every API from 1 (faults or none) and runs {@code atK}
   * on the {@code k}-th, before it is served; the other requests wait meanwhile. Replaces an
   * earlier tripwire.
   */
  public synchronized FaultInjector tripAt(int k, Runnable atK) {
    tripwire = Optional.of(new RequestTripwire(k, atK));
    return this;
  }

  /** Requests counted since {@link #tripAt} or {@link #countRequests}; 0 without either. */
  public synchronized int requestsSeen() {
    return tripwire.map(RequestTripwire::seen).orElse(0);
  }

  /** From now on, counts every request of every API from 1, with nothing to do at any of them. */
  public synchronized FaultInjector countRequests() {
    tripwire = Optional.of(new RequestTripwire(Integer.MAX_VALUE, () -> {}));
    return this;
  }

  /** No more counting; {@link #requestsSeen} is 0 again. */
  public synchronized FaultInjector clearTripwire() {
    tripwire = Optional.empty();
    return this;
  }

  public synchronized Optional<FaultSpec> spec() {
    return spec;
  }

  /** The fault for this request, if any; every call counts as one request. */
  public synchronized Optional<Fault> decide(FaultTarget target, String method, String path) {
    tripwire.ifPresent(RequestTripwire::count);
    if (spec.isEmpty()) {
      return Optional.empty();
    }
    FaultSpec s = spec.get();
    if (!s.targets().contains(target)) {
      return Optional.empty();
    }
    requests.merge(target, 1, Integer::sum);
    String key = target.spelling() + " " + method + " " + path;
    int occurrence = seen.merge(key, 1, Integer::sum);
    long hash = mix(s.seed(), key, occurrence);
    double draw = (hash >>> 11) * 0x1.0p-53;
    if (draw >= s.rate()) {
      faultRun.remove(key);
      return Optional.empty();
    }
    List<FaultKind> kinds = s.kinds().stream().filter(k -> k.appliesTo(target)).sorted().toList();
    if (kinds.isEmpty()) {
      faultRun.remove(key);
      return Optional.empty();
    }
    FaultKind kind = kinds.get((int) Long.remainderUnsigned(mix(~s.seed(), key, occurrence), kinds.size()));
    injected.computeIfAbsent(target, t -> new EnumMap<>(FaultKind.class)).merge(kind, 1, Integer::sum);
    if (kind != FaultKind.SLOW) {
      int run = faultRun.merge(key, 1, Integer::sum);
      if (run > longestFaultRun) {
        longestFaultRun = run;
        longestFaultRunRequest = key;
      }
    }
    return Optional.of(switch (kind) {
      case THROTTLE -> new Fault.Status(kind, 429, Optional.of(1));
      case THROTTLE_BARE -> new Fault.Status(kind, 429, Optional.empty());
      case SERVER_ERROR -> new Fault.Status(kind, 500, Optional.empty());
      case UNAVAILABLE -> new Fault.Status(kind, 503, Optional.of(1));
      case RESET -> new Fault.Reset();
      case SLOW -> new Fault.Slow(s.delay());
    });
  }

  /** What was done so far. */
  public synchronized FaultCounts counts() {
    Map<FaultTarget, Map<FaultKind, Integer>> copy = new EnumMap<>(FaultTarget.class);
    injected.forEach((t, m) -> copy.put(t, Map.copyOf(m)));
    return new FaultCounts(Map.copyOf(requests), Map.copyOf(copy), longestFaultRun, longestFaultRunRequest);
  }

  /** SplitMix64 over the seed and an FNV-1a hash of the request and its occurrence. */
  private static long mix(long seed, String key, int occurrence) {
    long h = 0xcbf29ce484222325L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    long z = seed + 0x9e3779b97f4a7c15L * (h ^ (occurrence * 0xbf58476d1ce4e5b9L));
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
