package dev.pullplan.config.syntax;

import dev.pullplan.diag.Position;

/** {@code name = value}, positioned at the name. */
public record Attribute(String name, Position position, Expr value) {}
