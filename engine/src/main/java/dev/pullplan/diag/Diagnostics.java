package dev.pullplan.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of a run instead of stopping at the first. */
public final class Diagnostics {
  private final List<Diagnostic> items = new ArrayList<>();

  public void add(Diagnostic d) {
    items.add(d);
  }

  public void error(Position at, String message, String hint) {
    add(Diagnostic.error(at, message, hint));
  }

  public void warning(Position at, String message, String hint) {
    add(Diagnostic.warning(at, message, hint));
  }

  public void addAll(Diagnostics other) {
    items.addAll(other.items);
  }

  /** How many problems are collected so far: a mark for {@link #annotateSince}. */
  public int mark() {
    return items.size();
  }

  /**
   * Adds {@code note} to every problem collected since {@code mark}: a block repeated by
   * {@code for_each} names the instance its problems were found in, at the same position.
   */
  public void annotateSince(int mark, String note) {
    for (int i = mark; i < items.size(); i++) {
      Diagnostic d = items.get(i);
      items.set(i, d.withText(d.message() + " " + note, d.hint()));
    }
  }

  public boolean hasErrors() {
    return items.stream().anyMatch(Diagnostic::isError);
  }

  public long errorCount() {
    return items.stream().filter(Diagnostic::isError).count();
  }

  /** Sorted by file, line and column so output is stable whatever order checks ran in. */
  public List<Diagnostic> all() {
    List<Diagnostic> sorted = new ArrayList<>(items);
    sorted.sort(Comparator.comparing((Diagnostic d) -> d.position().file())
        .thenComparingInt(d -> d.position().line())
        .thenComparingInt(d -> d.position().column()));
    return Collections.unmodifiableList(sorted);
  }
}
