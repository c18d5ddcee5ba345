package dev.pullplan.backend.git;

import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/** The head of the state branch as last fetched; empty when the branch did not exist yet. */
record Tip(Optional<ObjectId> commit) {
  static final Tip NO_BRANCH = new Tip(Optional.empty());

  static Tip at(ObjectId commit) {
    return new Tip(Optional.of(commit));
  }

  /** What a push must find on the remote: {@code zeroId} asks for a branch that does not exist. */
  ObjectId expected() {
    return commit.orElse(ObjectId.zeroId());
  }
}
