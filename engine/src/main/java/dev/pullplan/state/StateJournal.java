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
   * Appends {@code entry}, which takes the state to {@code serial}, durably: once this returns, a
   * crash loses nothing of it.
   */
  void append(JournalEntry entry, long serial);

  /** Removes the journal, once a whole state that holds all of it was written. */
  void discard();
}
