package dev.pullplan.drift;

import dev.pullplan.address.Address;
import dev.pullplan.plan.Action;
import dev.pullplan.plan.AttributeChange;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One resource in a drift report.
 *
 * @param differences what differs, in words (the plan's drift lines and reasons); empty when in sync
 * @param attributes the attribute changes apply would make; sensitive values only as "(sensitive)"
 * @param action what apply would do
 * @param applyWould that action in words, for people
 * @param expiresAt when the resource's credential expires, for credentials
 */
public record DriftItem(
    Address address,
    String type,
    String provider,
    DriftKind kind,
    List<String> differences,
    List<AttributeChange> attributes,
    Action action,
    String applyWould,
    Optional<Instant> expiresAt) {

  public boolean isFinding() {
    return kind.isFinding();
  }
}
