package dev.pullplan.state;

import dev.pullplan.PullplanException;

public final class StateLockedException extends PullplanException {
  private final transient LockInfo holder;

  public StateLockedException(String where, LockInfo holder) {
    super("the state " + where + " is locked: " + holder.describe()
        + ". Wait for that run to finish, give --lock-timeout to wait, or, if it crashed, run"
        + " `pullplan force-unlock " + holder.id() + "`.");
    this.holder = holder;
  }

  public LockInfo holder() {
    return holder;
  }
}
