package dev.pullplan.config;

import dev.pullplan.diag.Position;

/** A value and where the config says it. */
record Located<T>(T value, Position position) {}
