package dev.pullplan.sandbox.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which faults the sandbox injects, how often and where, written as {@code sandbox up --faults}
 * takes it: {@code rate=0.2,kinds=429,503,reset,apis=arm,kubernetes,seed=7,delay=1s}. A value
 * without {@code =} continues the list of the key before it. Only {@code rate} is required; the
 * default is every kind on every API, seed 1, slow answers delayed 1 s.
 *
 * @param rate the share of requests that get a fault, 0 to 1
 * @param kinds what a fault does; one is picked per faulted request
 * @param targets which APIs see faults
 * @param seed the same seed gives every request the same fate, whatever the order requests arrive in
 * @param delay how long a {@link FaultKind#SLOW} answer waits
 */
public record FaultSpec(double rate, Set<FaultKind> kinds, Set<FaultTarget> targets, long seed, Duration delay) {

  public static final String SYNTAX = "rate=R[,kinds=K,...][,apis=A,...][,seed=N][,delay=D]";

  public FaultSpec {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("the fault rate must be between 0 and 1, not " + rate);
    }
    if (kinds.isEmpty() || targets.isEmpty()) {
      throw new IllegalArgumentException("faults need at least one kind and one API");
    }
    if (delay.isNegative()) {
      throw new IllegalArgumentException("the delay of slow answers must not be negative");
    }
    kinds = Set.copyOf(kinds);
    targets = Set.copyOf(targets);
  }

  /** Every kind on every API at {@code rate}, seed 1. */
  public static FaultSpec everywhere(double rate) {
    return new FaultSpec(rate, EnumSet.allOf(FaultKind.class), EnumSet.allOf(FaultTarget.class), 1,
        Duration.ofSeconds(1));
  }

  public FaultSpec withKinds(FaultKind first, FaultKind... more) {
    return new FaultSpec(rate, EnumSet.of(first, more), targets, seed, delay);
  }

  public FaultSpec withTargets(FaultTarget first, FaultTarget... more) {
    return new FaultSpec(rate, kinds, EnumSet.of(first, more), seed, delay);
  }

  public FaultSpec withSeed(long value) {
    return new FaultSpec(rate, kinds, targets, value, delay);
  }

  public FaultSpec withDelay(Duration value) {
    return new FaultSpec(rate, kinds, targets, seed, value);
  }

  /**
   * Reads {@link #SYNTAX}.
   *
   * @throws IllegalArgumentException naming what is wrong and what is accepted
   */
  public static FaultSpec parse(String text) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    String key = null;
    for (String part : text.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq >= 0) {
        key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        if (values.containsKey(key)) {
          throw new IllegalArgumentException("faults: \"" + key + "\" is given twice");
        }
        values.put(key, new ArrayList<>(List.of(p.substring(eq + 1).trim())));
      } else if (key == null) {
        throw new IllegalArgumentException("faults: \"" + p + "\" has no key; write " + SYNTAX);
      } else {
        values.get(key).add(p);
      }
    }
    for (String k : values.keySet()) {
      if (!Set.of("rate", "kinds", "apis", "seed", "delay").contains(k)) {
        throw new IllegalArgumentException("faults: unknown key \"" + k + "\"; write " + SYNTAX);
      }
    }
    if (!values.containsKey("rate")) {
      throw new IllegalArgumentException("faults: rate is required; write " + SYNTAX);
    }
    FaultSpec spec = everywhere(number(single(values, "rate"), "rate"));
    if (values.containsKey("kinds")) {
      Set<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
      for (String k : values.get("kinds")) {
        kinds.add(FaultKind.parse(k).orElseThrow(() -> new IllegalArgumentException("faults: unknown kind \"" + k
            + "\"; kinds are " + java.util.Arrays.stream(FaultKind.values()).map(FaultKind::spelling)
                .collect(Collectors.joining(", ")))));
      }
      spec = new FaultSpec(spec.rate, kinds, spec.targets, spec.seed, spec.delay);
    }
    if (values.containsKey("apis")) {
      Set<FaultTarget> targets = EnumSet.noneOf(FaultTarget.class);
      for (String a : values.get("apis")) {
        targets.add(FaultTarget.parse(a).orElseThrow(() -> new IllegalArgumentException("faults: unknown API \"" + a
            + "\"; APIs are " + java.util.Arrays.stream(FaultTarget.values()).map(FaultTarget::spelling)
                .collect(Collectors.joining(", ")))));
      }
      spec = new FaultSpec(spec.rate, spec.kinds, targets, spec.seed, spec.delay);
    }
    if (values.containsKey("seed")) {
      String s = single(values, "seed");
      try {
        spec = spec.withSeed(Long.parseLong(s));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("faults: seed must be a whole number, not \"" + s + "\"");
      }
    }
    if (values.containsKey("delay")) {
      spec = spec.withDelay(duration(single(values, "delay")));
    }
    return spec;
  }

  private static String single(Map<String, List<String>> values, String key) {
    List<String> v = values.get(key);
    if (v.size() != 1) {
      throw new IllegalArgumentException("faults: " + key + " takes one value, not " + String.join(",", v));
    }
    return v.get(0);
  }

  private static double number(String text, String key) {
    try {
      double value = text.endsWith("%") ? Double.parseDouble(text.substring(0, text.length() - 1)) / 100
          : Double.parseDouble(text);
      if (!(value >= 0 && value <= 1)) {
        throw new IllegalArgumentException("faults: " + key + " must be between 0 and 1 (or 0% and 100%), not " + text);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("faults: " + key + " must be a number such as 0.2 or 20%, not \"" + text + "\"");
    }
  }

  private static Duration duration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      if (t.endsWith("s")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
      }
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw new IllegalArgumentException("faults: delay must be like 500ms or 2s, not \"" + text + "\"");
  }

  /** The spec in its own syntax, e.g. for the sandbox's start-up line. */
  public String describe() {
    return "rate=" + rate + ",kinds=" + kinds.stream().sorted().map(FaultKind::spelling).collect(Collectors.joining(","))
        + ",apis=" + targets.stream().sorted().map(FaultTarget::spelling).collect(Collectors.joining(","))
        + ",seed=" + seed + ",delay=" + delay.toMillis() + "ms";
  }
}
