package dev.pullplan.config.syntax;

import dev.pullplan.diag.Position;
import java.util.List;

/** {@code type "label" { body }}, positioned at the type keyword. */
public record Block(String type, List<Label> labels, Position position, Body body) {}
