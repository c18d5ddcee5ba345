package dev.pullplan.plan;

import dev.pullplan.spi.Desired;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.spi.Unknown;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Compares what the config wants with what exists. Pure: no I/O, so every rule is unit-tested.
 * The action is chosen as Terraform does — absent → create; a replace-forcing attribute changed →
 * replace; other differences → update; due for renewal → rotate; else no-op.
 */
public final class Differ {

  /** The outcome for one resource that is in the config. */
  public record Outcome(Action action, List<AttributeChange> attributes, List<String> reasons) {}

  private Differ() {}

  public static Outcome diff(
      Desired desired, Optional<ResourceState> actual, Set<String> replaceOn, Set<String> computed,
      boolean forceReplace, Instant now) {
    if (actual.isEmpty()) {
      List<AttributeChange> attrs = new ArrayList<>();
      desired.attributes().forEach((k, v) -> attrs.add(AttributeChange.of(k, null, v, false)));
      desired.sensitive().keySet().forEach(k -> attrs.add(AttributeChange.sensitive(k, false, true)));
      return new Outcome(Action.CREATE, attrs, List.of());
    }
    ResourceState current = actual.get();
    List<AttributeChange> changed = changedAttributes(desired, current, replaceOn, computed);
    List<String> reasons = new ArrayList<>();
    for (AttributeChange c : changed) {
      reasons.add(reason(c, desired));
    }
    if (forceReplace) {
      return new Outcome(Action.REPLACE, changed, prepend("replacement requested with --replace", reasons));
    }
    if (changed.stream().anyMatch(AttributeChange::forcesReplacement)) {
      return new Outcome(Action.REPLACE, changed, reasons);
    }
    if (!changed.isEmpty()) {
      return new Outcome(Action.UPDATE, changed, reasons);
    }
    Optional<String> rotation = rotationDue(desired, current, now);
    if (rotation.isPresent()) {
      return new Outcome(Action.ROTATE, List.of(AttributeChange.sensitive("password", true, true)), List.of(rotation.get()));
    }
    return new Outcome(Action.NOOP, List.of(), List.of());
  }

  private static List<AttributeChange> changedAttributes(
      Desired desired, ResourceState current, Set<String> replaceOn, Set<String> computed) {
    List<AttributeChange> changed = new ArrayList<>();
    for (Map.Entry<String, Object> e : desired.attributes().entrySet()) {
      String k = e.getKey();
      if (computed.contains(k)) {
        continue;
      }
      Object before = current.attributes().get(k);
      if (!sameValue(e.getValue(), before)) {
        changed.add(AttributeChange.of(k, before, e.getValue(), replaceOn.contains(k)));
      }
    }
    for (Map.Entry<String, Object> e : desired.sensitive().entrySet()) {
      String before = current.sensitive().get(e.getKey());
      if (!sameValue(e.getValue(), before)) {
        changed.add(new AttributeChange(e.getKey(), Optional.ofNullable(before).map(b -> AttributeChange.SENSITIVE),
            Optional.of(AttributeChange.SENSITIVE), true, replaceOn.contains(e.getKey())));
      }
    }
    return changed;
  }

  /** Numbers compare by value whatever their Java type (state gives Long, HCL gives Double). */
  static boolean sameValue(Object want, Object have) {
    if (want instanceof Unknown) {
      return false;
    }
    if (want instanceof Number a && have instanceof Number b) {
      return a.doubleValue() == b.doubleValue();
    }
    return Objects.equals(want, have);
  }

  private static String reason(AttributeChange c, Desired desired) {
    Object after = c.sensitive() ? desired.sensitive().get(c.name()) : desired.attributes().get(c.name());
    if (after instanceof Unknown u) {
      return c.name() + " comes from " + u.from() + ", which changes in this plan";
    }
    if (c.sensitive()) {
      return c.before().isEmpty()
          ? c.name() + " is not recorded: it will be set"
          : c.name() + " differs from the credential it should hold (the credential changed, or the object was changed outside pullplan)";
    }
    if (c.before().isEmpty()) {
      return c.name() + " is not set on the object";
    }
    return c.name() + " differs from the config" + (c.forcesReplacement() ? " and cannot change in place" : "");
  }

  /** Why a credential is due for renewal, if it is. */
  static Optional<String> rotationDue(Desired desired, ResourceState current, Instant now) {
    Optional<Instant> created = instant(current.attributes().get("created_at"));
    Optional<Instant> expires = instant(current.attributes().get("expires_at"));
    var lifecycle = desired.lifecycle();
    if (lifecycle.rotateAfter().isPresent() && created.isPresent()) {
      Duration age = Duration.between(created.get(), now);
      if (age.compareTo(lifecycle.rotateAfter().get().duration()) >= 0) {
        return Optional.of("credential " + age.toDays() + " days old, rotate_after = " + lifecycle.rotateAfter().get());
      }
    }
    if (expires.isPresent()) {
      Duration left = Duration.between(now, expires.get());
      if (left.isNegative() || left.isZero()) {
        return Optional.of("credential expired at " + expires.get());
      }
      if (lifecycle.renewBefore().isPresent() && left.compareTo(lifecycle.renewBefore().get().duration()) <= 0) {
        return Optional.of("credential expires in " + left.toDays() + " days (" + expires.get()
            + "), renew_before = " + lifecycle.renewBefore().get());
      }
    }
    return Optional.empty();
  }

  /**
   * Differences between what state recorded and what exists: changes made outside pullplan. A
   * computed attribute that state never recorded is not one: the provider reports it since a later
   * version (the login server on a credential), nobody changed it.
   */
  public static List<String> drift(ResourceState recorded, ResourceState actual, Set<String> ignore,
      Set<String> computed) {
    // a refresh compares every object of the fleet, nearly all unchanged: only the changed keys are sorted
    List<String> changed = new ArrayList<>();
    for (String k : recorded.attributes().keySet()) {
      if (!ignore.contains(k) && !sameValue(actual.attributes().get(k), recorded.attributes().get(k))) {
        changed.add(k);
      }
    }
    for (String k : actual.attributes().keySet()) {
      if (!recorded.attributes().containsKey(k) && !ignore.contains(k) && !computed.contains(k)
          && !sameValue(actual.attributes().get(k), null)) {
        changed.add(k);
      }
    }
    changed.sort(null);
    List<String> out = new ArrayList<>();
    for (String k : changed) {
      Object was = recorded.attributes().get(k);
      Object is = actual.attributes().get(k);
      out.add(k + ": state has " + show(was) + ", actual is " + show(is) + " (changed outside pullplan)");
    }
    for (Map.Entry<String, String> e : recorded.sensitive().entrySet()) {
      String is = actual.sensitive().get(e.getKey());
      if (is != null && !is.equals(e.getValue())) {
        out.add(e.getKey() + ": differs from state (changed outside pullplan)");
      }
    }
    return out;
  }

  private static String show(Object v) {
    return v == null ? "nothing" : v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
  }

  private static Optional<Instant> instant(Object v) {
    if (!(v instanceof String s)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(s));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static List<String> prepend(String first, List<String> rest) {
    List<String> out = new ArrayList<>();
    out.add(first);
    out.addAll(rest);
    return out;
  }
}
