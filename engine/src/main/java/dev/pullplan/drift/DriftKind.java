package dev.pullplan.drift;

import java.util.Locale;

/** What a drift check found for one resource, and which side moved away from the state. */
public enum DriftKind {
  IN_SYNC("in sync", Direction.NONE),
  CHANGED_OUTSIDE("changed outside pullplan", Direction.OUTSIDE),
  // the provider says how it went (deleted outside pullplan, a grant inherited from above removed there)
  MISSING("missing: in state, no longer exists", Direction.OUTSIDE),
  UNEXPECTED_EXTRA("unexpected extra: exists and is in the config, but not in state", Direction.OUTSIDE),
  PENDING_CHANGE("pending change: the config changed and was not applied", Direction.CONFIG),
  EXPIRING_CREDENTIAL("credential due for rotation", Direction.CLOCK);

  /** Which side differs from what pullplan last applied. */
  public enum Direction {
    NONE("nothing differs"),
    OUTSIDE("what exists differs from the state: someone changed it outside pullplan"),
    CONFIG("the config differs from what was applied"),
    CLOCK("time passed: the credential reached rotate_after or renew_before");

    private final String phrase;

    Direction(String phrase) {
      this.phrase = phrase;
    }

    public String phrase() {
      return phrase;
    }

    public String keyword() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final String phrase;
  private final Direction direction;

  DriftKind(String phrase, Direction direction) {
    this.phrase = phrase;
    this.direction = direction;
  }

  public String phrase() {
    return phrase;
  }

  public Direction direction() {
    return direction;
  }

  /** The machine spelling: {@code changed-outside}, {@code in-sync}. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public boolean isFinding() {
    return this != IN_SYNC;
  }
}
