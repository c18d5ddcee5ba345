package dev.pullplan.backend.git;

import dev.pullplan.PullplanException;
import dev.pullplan.state.LockInfo;
import dev.pullplan.state.LockWait;
import dev.pullplan.state.LockInfoJson;
import dev.pullplan.state.State;
import dev.pullplan.state.StateBackend;
import dev.pullplan.state.StateCodec;
import dev.pullplan.state.StateLock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * State as a file committed to a branch. Every write is a commit pushed only if the branch is
 * still where this run last saw it, so a concurrent writer is detected, never overwritten. The
 * lock is a second file committed on the same branch, naming its holder.
 */
final class GitStateBackend implements StateBackend {
  private static final Duration POLL = Duration.ofSeconds(1);
  /** Pushes that lose a race with another run's commit before the lock is seen; each one re-fetches. */
  private static final int RACES = 5;

  private final StateBranch branch;
  private final String path;
  private final String lockPath;
  private final StateCodec codec;
  private final Consumer<String> warnings;
  private final PersonIdent author = new PersonIdent("pullplan", "pullplan@localhost");
  private Optional<Tip> lastSeen = Optional.empty();

  GitStateBackend(StateBranch branch, String path, StateCodec codec, Consumer<String> warnings) {
    this.branch = branch;
    this.path = path;
    this.lockPath = path + ".lock";
    this.codec = codec;
    this.warnings = warnings;
  }

  @Override
  public String describe() {
    return "git " + branch.describe() + " file " + path;
  }

  @Override
  public synchronized Optional<State> read() {
    Tip tip = seen(branch.fetch());
    String where = describe() + " at " + branch.describeCommit(tip);
    Optional<State> state = branch.file(tip, path).map(bytes -> codec.decode(bytes, where));
    state.flatMap(s -> StateCodec.newerVersionWarning(s, where)).ifPresent(warnings);
    return state;
  }

  @Override
  public synchronized void write(State state) {
    byte[] bytes = codec.encode(state);
    codec.plaintextWarning(state, describe() + " (readable by everyone who can read the repository)").ifPresent(warnings);
    Tip base = lastSeen.orElseGet(branch::fetch);
    PushOutcome outcome = branch.commit(base, Map.of(path, Optional.of(bytes)),
        "pullplan: state serial " + state.serial() + "\n\nlineage " + state.lineage(), author(Instant.now()));
    if (outcome instanceof PushOutcome.Moved moved) {
      // lastSeen stays where this run's state came from: the next write (an apply writes after
      // every change) is refused as well, instead of landing on top of the other run's commit
      throw new PullplanException("cannot write the state to " + describe() + ": someone else wrote to the branch"
          + " since this run read it; it is now at commit " + branch.describeCommit(moved.theirs())
          + ". Nothing was overwritten. Check who ran pullplan without the lock, then run `pullplan plan` again.");
    }
    seen(Tip.at(((PushOutcome.Pushed) outcome).commit()));
  }

  @Override
  public boolean encryptsSecrets() {
    return codec.encrypts();
  }

  @Override
  public synchronized StateLock lock(String operation, Duration timeout) {
    LockInfo mine = LockInfo.forThisProcess(operation);
    LockWait wait = LockWait.until(describe(), timeout, POLL);
    int races = 0;
    while (true) {
      Tip tip = seen(branch.fetch());
      Optional<LockInfo> holder = holder(tip);
      if (holder.isEmpty()) {
        PushOutcome outcome = branch.commit(tip, Map.of(lockPath, Optional.of(LockInfoJson.encode(mine))),
            "pullplan: lock for " + operation + " by " + mine.who() + "\n\nlock ID " + mine.id(), author(mine.created()));
        if (outcome instanceof PushOutcome.Pushed pushed) {
          seen(Tip.at(pushed.commit()));
          return new Held(mine);
        }
        if (++races <= RACES) {
          continue;
        }
        holder = holder(seen(((PushOutcome.Moved) outcome).theirs()));
      }
      wait.pauseOrGiveUp(holder.orElseGet(() -> new LockInfo("(none)", "(unknown)",
          "other runs committing to " + branch.describe() + " faster than this one could lock it", Instant.now(), "")));
    }
  }

  @Override
  public synchronized void forceUnlock(String id) {
    Tip tip = seen(branch.fetch());
    Optional<LockInfo> holder = holder(tip);
    if (holder.isEmpty()) {
      throw new PullplanException("the state " + describe() + " is not locked: the branch has no " + lockPath
          + ", nothing to unlock");
    }
    if (!holder.get().id().equals(id)) {
      throw new PullplanException("the state " + describe() + " is not locked by " + id + ": it is "
          + holder.get().describe() + ". Nothing was removed; check the ID.");
    }
    if (!(unlock(tip, "pullplan: force-unlock " + id) instanceof PushOutcome.Pushed)) {
      throw new PullplanException("the lock of " + describe() + " changed while it was being removed; run"
          + " `pullplan force-unlock` again with the ID the next error names");
    }
  }

  private PushOutcome unlock(Tip tip, String message) {
    PushOutcome outcome = branch.commit(tip, Map.of(lockPath, Optional.empty()), message, author(Instant.now()));
    if (outcome instanceof PushOutcome.Pushed pushed) {
      seen(Tip.at(pushed.commit()));
    }
    return outcome;
  }

  private Optional<LockInfo> holder(Tip tip) {
    return branch.file(tip, lockPath).map(bytes -> LockInfoJson.decode(bytes).orElseGet(() -> new LockInfo("(unreadable)",
        "(unknown)", "whoever committed " + lockPath + " at " + branch.describeCommit(tip), Instant.now(), "")));
  }

  private Tip seen(Tip tip) {
    lastSeen = Optional.of(tip);
    return tip;
  }

  private PersonIdent author(Instant when) {
    return new PersonIdent(author, when, java.time.ZoneOffset.UTC);
  }


  /** The lock this run committed; closing commits its removal. */
  private final class Held implements StateLock {
    private final LockInfo info;
    private boolean closed;

    Held(LockInfo info) {
      this.info = info;
    }

    @Override
    public LockInfo info() {
      return info;
    }

    @Override
    public void close() {
      synchronized (GitStateBackend.this) {
        if (closed) {
          return;
        }
        closed = true;
        for (int attempt = 0; attempt <= RACES; attempt++) {
          Tip tip = seen(branch.fetch());
          Optional<LockInfo> holder = holder(tip);
          if (holder.isEmpty() || !holder.get().id().equals(info.id())) {
            throw new PullplanException("the lock " + info.id() + " on " + describe() + " was removed by someone else"
                + " (force-unlock?) while this run held it" + holder.map(h -> "; it is now held by " + h.describe()).orElse(""));
          }
          if (unlock(tip, "pullplan: unlock after " + info.operation() + "\n\nlock ID " + info.id())
              instanceof PushOutcome.Pushed) {
            return;
          }
        }
        throw new PullplanException("cannot remove the lock " + info.id() + " from " + describe()
            + ": the branch keeps moving; run `pullplan force-unlock " + info.id() + "`");
      }
    }
  }
}
