package dev.pullplan.model;

import dev.pullplan.diag.Position;
import java.util.Optional;

/** A {@code variable} block and the value it got for this run. */
public record Variable(
    String name, String type, Optional<String> description, boolean sensitive, Optional<Object> value, Position origin) {}
