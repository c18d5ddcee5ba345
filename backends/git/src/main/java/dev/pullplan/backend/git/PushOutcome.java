package dev.pullplan.backend.git;

import org.eclipse.jgit.lib.ObjectId;

/** A commit pushed, or refused because the branch is no longer where this run last saw it. */
sealed interface PushOutcome {
  record Pushed(ObjectId commit) implements PushOutcome {}

  /** @param theirs the branch head the push found instead */
  record Moved(Tip theirs) implements PushOutcome {}
}
