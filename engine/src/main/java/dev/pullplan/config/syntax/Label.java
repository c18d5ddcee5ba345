package dev.pullplan.config.syntax;

import dev.pullplan.diag.Position;

public record Label(String value, Position position) {}
