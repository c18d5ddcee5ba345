package dev.pullplan.plan;

import java.util.Optional;

/**
 * One attribute's before and after. Values of sensitive attributes are never kept here: only
 * whether they change.
 */
public record AttributeChange(String name, Optional<Object> before, Optional<Object> after, boolean sensitive, boolean forcesReplacement) {

  public static AttributeChange of(String name, Object before, Object after, boolean forcesReplacement) {
    return new AttributeChange(name, Optional.ofNullable(before), Optional.ofNullable(after), false, forcesReplacement);
  }

  public static AttributeChange sensitive(String name, boolean hadValue, boolean hasValue) {
    return new AttributeChange(name, hadValue ? Optional.of(SENSITIVE) : Optional.empty(),
        hasValue ? Optional.of(SENSITIVE) : Optional.empty(), true, false);
  }

  /** What is shown instead of a secret value, everywhere. */
  public static final String SENSITIVE = "(sensitive)";
}
