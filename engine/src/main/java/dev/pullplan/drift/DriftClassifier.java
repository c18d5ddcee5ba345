package dev.pullplan.drift;

import dev.pullplan.address.Address;
import dev.pullplan.expand.DesiredResource;
import dev.pullplan.expand.Ref;
import dev.pullplan.plan.Action;
import dev.pullplan.plan.AttributeChange;
import dev.pullplan.plan.Change;
import dev.pullplan.plan.Drift;
import dev.pullplan.plan.Plan;
import dev.pullplan.diag.Diagnostic;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.spi.Unknown;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sorts each resource of a plan into one {@link DriftKind}. When several apply, what happened
 * outside pullplan wins over a pending config change, which wins over an aging credential: the
 * first is the surprise a nightly job exists to catch.
 */
final class DriftClassifier {
  private final Plan plan;

  DriftClassifier(Plan plan) {
    this.plan = plan;
  }

  List<DriftItem> items() {
    // The plan lists changes dependencies first, so a resource's upstream is classified before it.
    Map<Address, DriftKind> kinds = new HashMap<>();
    List<DriftItem> items = new ArrayList<>();
    for (Change c : plan.changes()) {
      DriftItem item = item(c, kinds);
      kinds.put(c.address(), item.kind());
      items.add(item);
    }
    items.addAll(forgotten());
    items.sort(Comparator.comparing(DriftItem::address));
    return List.copyOf(items);
  }

  private DriftItem item(Change c, Map<Address, DriftKind> upstream) {
    DriftKind kind = kind(c);
    if (kind == DriftKind.PENDING_CHANGE) {
      kind = follows(c).map(upstream::get).filter(DriftKind::isFinding).orElse(kind);
    }
    return new DriftItem(c.address(), c.type(), c.provider(), kind, differences(c, kind), c.attributes(),
        c.action(), applyWould(c, kind), c.prior().flatMap(DriftClassifier::expiresAt));
  }

  private DriftKind kind(Change c) {
    switch (c.drift().cause()) {
      case DELETED:
        return DriftKind.MISSING;
      case CHANGED:
        return DriftKind.CHANGED_OUTSIDE;
      case NONE:
        break;
    }
    if (c.desired().isPresent() && c.prior().isPresent() && plan.base().resource(c.address()).isEmpty()) {
      return DriftKind.UNEXPECTED_EXTRA;
    }
    if (c.action() == Action.ROTATE) {
      return DriftKind.EXPIRING_CREDENTIAL;
    }
    return c.action().isChange() ? DriftKind.PENDING_CHANGE : DriftKind.IN_SYNC;
  }

  /**
   * The resource this change only follows: when every changed value is taken from another
   * resource that changes in this plan (a secret taking a rotated password), the change is that
   * resource's finding, not a config change.
   */
  private static Optional<Address> follows(Change c) {
    if (c.attributes().isEmpty() || c.desired().isEmpty()) {
      return Optional.empty();
    }
    DesiredResource desired = c.desired().get();
    Set<Address> sources = new LinkedHashSet<>();
    for (AttributeChange a : c.attributes()) {
      Object wanted = a.sensitive() ? desired.sensitive().get(a.name()) : desired.attributes().get(a.name());
      boolean changesUpstream = a.after().orElse(null) instanceof Unknown || a.sensitive();
      if (!(wanted instanceof Ref ref) || !changesUpstream) {
        return Optional.empty();
      }
      sources.add(ref.address());
    }
    return sources.stream().findFirst();
  }

  private static List<String> differences(Change c, DriftKind kind) {
    Set<String> lines = new LinkedHashSet<>(c.drift().notes());
    lines.addAll(c.reasons());
    if (kind == DriftKind.UNEXPECTED_EXTRA) {
      lines.add("exists and carries pullplan's marks, but the state does not record it");
    }
    if (lines.isEmpty() && kind == DriftKind.PENDING_CHANGE && c.action() == Action.CREATE) {
      lines.add("in the config, not created yet");
    }
    return List.copyOf(lines);
  }

  private static String applyWould(Change c, DriftKind kind) {
    return switch (c.action()) {
      case CREATE -> kind != DriftKind.MISSING ? "create it"
          : c.drift().isDeletionOfOurs() ? "create it again"
          : "create its own (what state recorded was not pullplan's to lose)";
      case UPDATE -> "update it in place to match the config";
      case REPLACE -> "replace it (it cannot change in place)";
      case CREATE_BEFORE_DESTROY -> "replace it, the new one first (it cannot change in place)";
      case ROTATE -> "rotate the credential: a new one first, the old one removed once every secret uses it";
      case DELETE -> "delete it";
      case NOOP -> switch (kind) {
        case IN_SYNC -> "nothing";
        case UNEXPECTED_EXTRA -> "adopt it into state; it already matches the config";
        default -> "record what exists in state; nothing else changes";
      };
    };
  }

  /**
   * Resources in state, gone from the config and from the world: the plan has no change for them
   * (there is nothing to delete), but apply drops them from state, so the report names them.
   */
  private List<DriftItem> forgotten() {
    Set<Address> planned = plan.changes().stream().map(Change::address).collect(Collectors.toSet());
    Set<String> unplannable = plan.problems().stream().map(Diagnostic::subject).collect(Collectors.toSet());
    List<DriftItem> out = new ArrayList<>();
    for (ResourceState r : plan.base().resources()) {
      Address a = r.address();
      boolean stillRecorded = plan.refreshed().resource(a).isPresent();
      if (!planned.contains(a) && !stillRecorded && !unplannable.contains(a.toString())) {
        out.add(new DriftItem(a, r.type(), r.provider(), DriftKind.MISSING,
            List.of(Drift.deleted().notes().get(0), "no longer in the config"), List.of(), Action.NOOP,
            "forget it: remove it from state", expiresAt(r)));
      }
    }
    return out;
  }

  private static Optional<Instant> expiresAt(ResourceState r) {
    if (!(r.attributes().get("expires_at") instanceof String s)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(s));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
