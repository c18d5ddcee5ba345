package dev.pullplan.run;

import dev.pullplan.PullplanException;

/** A saved plan that no longer matches the state or the config it was made from. */
public final class StalePlanException extends PullplanException {
  public StalePlanException(String message) {
    super(message);
  }
}
