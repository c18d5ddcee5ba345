package dev.pullplan.model;

import dev.pullplan.diag.Position;

/** An {@code output} block; {@code value} is already resolved. */
public record Output(String name, Object value, boolean sensitive, Position origin) {

  /** A sensitive output's value is never printed. */
  @Override
  public String toString() {
    return "Output[name=" + name + ", value=" + (sensitive ? "(sensitive)" : value) + ", sensitive=" + sensitive
        + ", origin=" + origin + "]";
  }
}
