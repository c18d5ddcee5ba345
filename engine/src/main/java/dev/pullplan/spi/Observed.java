package dev.pullplan.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a read found. */
public sealed interface Observed {

  /**
   * The object exists and is ours.
   *
   * @param sensitive secret values read back (a Secret's password); a type that cannot read its
   *     secret back (an Entra password) leaves them out and the engine keeps the state's
   * @param context lines that explain the plan without being changes: entries in a
   *     ServiceAccount that someone else added, the identity that gets a role
   */
  record Present(String id, Map<String, Object> attributes, Map<String, String> sensitive, List<String> context)
      implements Observed {
    public static Present of(String id, Map<String, Object> attributes) {
      return new Present(id, attributes, Map.of(), List.of());
    }

    @Override
    public String toString() {
      return "Present[id=" + id + " " + attributes + " sensitive=" + sensitive.keySet() + " " + context + "]";
    }
  }

  /**
   * Nothing there.
   *
   * @param gone what happened, for people, when the provider knows the recorded object was not
   *     pullplan's to lose (a grant inherited from above the object, removed there); empty: it was
   *     deleted outside pullplan
   */
  record Absent(Optional<String> gone) implements Observed {
    public Absent() {
      this(Optional.empty());
    }
  }

  /** Something with this name exists but pullplan does not own it: a plan error. */
  record Foreign(String description, String hint) implements Observed {}

  /**
   * The object could not be read (cluster unreachable, forbidden): the resource cannot be
   * planned; resources elsewhere still are.
   */
  record Unreadable(String message) implements Observed {}

  static Observed absent() {
    return new Absent();
  }

  /** Nothing there any more, and not by a deletion of what pullplan recorded: {@code gone} says what happened. */
  static Observed gone(String gone) {
    return new Absent(Optional.of(gone));
  }
}
