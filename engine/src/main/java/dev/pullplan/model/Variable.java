package dev.pullplan.model;

import dev.pullplan.diag.Position;
import java.util.Optional;

/** A {@code variable} block and the value it got for this run. */
public record Variable(
    String name, String type, Optional<String> description, boolean sensitive, Optional<Object> value, Position origin) {

  /** A sensitive variable's value is never printed. */
  @Override
  public String toString() {
    return "Variable[name=" + name + ", type=" + type + ", sensitive=" + sensitive + ", value="
        + (sensitive ? value.map(v -> "(sensitive)") : value) + ", origin=" + origin + "]";
  }
}
