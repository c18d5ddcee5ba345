package dev.pullplan.plan;

import java.util.List;

/**
 * What refresh found that pullplan did not do: the typed cause, which drift reports and apply may
 * branch on, and the notes that explain it to people (never branched on).
 */
public record Drift(Cause cause, List<String> notes) {
  public static final Drift NONE = new Drift(Cause.NONE, List.of());
  private static final String DELETED_OUTSIDE = "deleted outside pullplan";

  /** Which way the object moved away from what state recorded. */
  public enum Cause {
    NONE,
    /** State records it; it no longer exists. */
    DELETED,
    /** It exists with values other than state recorded. */
    CHANGED
  }

  public Drift {
    notes = List.copyOf(notes);
  }

  public static Drift deleted() {
    return gone(DELETED_OUTSIDE);
  }

  /** Gone, in the provider's words: what it knows happened when it was no deletion of an object pullplan made. */
  public static Drift gone(String what) {
    return new Drift(Cause.DELETED, List.of(what));
  }

  /** @param differences one line per attribute that differs, empty for none */
  public static Drift changed(List<String> differences) {
    return differences.isEmpty() ? NONE : new Drift(Cause.CHANGED, differences);
  }

  /**
   * Whether an object pullplan made was deleted by someone else, as opposed to one it only recorded
   * (a grant inherited from above) that is gone where it was held: only the first is made "again".
   */
  public boolean isDeletionOfOurs() {
    return cause == Cause.DELETED && notes.equals(List.of(DELETED_OUTSIDE));
  }

  public boolean isNone() {
    return cause == Cause.NONE;
  }
}
