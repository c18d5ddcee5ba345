package dev.pullplan.spi;

import java.util.List;
import java.util.Map;

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

  /** Nothing there. */
  record Absent() implements Observed {}

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
}
