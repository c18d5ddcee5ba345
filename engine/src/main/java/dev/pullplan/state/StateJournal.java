package dev.pullplan.state;

/**
 * An append-only record of single changes on top of a state that was written whole, so that an
 * apply pays for one change per change instead of re-encoding the whole state each time (issue
 * 15). Reading the state replays it; the next whole write makes it obsolete. Only a writer holding
 * the state lock uses it.
 */
public interface StateJournal {

  /** Starts a new journal on top of {@code base}, which was just written whole (replacing any older journal). */
  void begin(State base);

  /**
   * Appends {@code entry}, which takes the state to {@code serial}; durable once {@link #sync} of
   * the position this returns has returned. The caller appends one entry at a time.
   */
  long append(JournalEntry entry, long serial);

  /**
   * Returns once everything up to {@code position} is on disk: a crash loses nothing of it. Called
   * by several writers at once, outside the lock their appends take, so one flush to disk makes
   * every entry appended before it durable (a group commit) instead of each waiting for its own.
   */
  void sync(long position);

  /** Removes the journal, once a whole state that holds all of it was written. */
  void discard();
}
