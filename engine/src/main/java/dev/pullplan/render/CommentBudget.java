package dev.pullplan.render;

/**
 * Markdown that fits in a pull-request comment or an issue: pieces are added whole while they fit
 * under the limit, so a cut never falls inside a fenced block or a {@code <details>} element; once
 * one does not fit, nothing more is added and a closing note says so. GitHub refuses comments
 * above 65 536 characters; the limit leaves room for what a pipeline adds around the plan.
 */
final class CommentBudget {
  static final int LIMIT = 60_000;
  /** Room kept for closing tags and the truncation note, so those always fit. */
  private static final int RESERVE = 1_000;

  private final StringBuilder out = new StringBuilder();
  private boolean full;

  /** Appends {@code piece} if it fits; returns false (and stops every later offer) if not. */
  boolean offer(String piece) {
    if (full || out.length() + piece.length() + RESERVE > LIMIT) {
      full = true;
      return false;
    }
    out.append(piece);
    return true;
  }

  /** Appends a short closing piece (a {@code </details>}) that the reserve makes room for. */
  void close(String piece) {
    out.append(piece);
  }

  boolean truncated() {
    return full;
  }

  /** The Markdown, with {@code note} at the end when something was left out. */
  String finish(String note) {
    if (full) {
      out.append("\n---\n\n**Truncated:** ").append(note).append('\n');
    }
    return out.toString();
  }
}
