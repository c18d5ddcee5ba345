package dev.pullplan.model;

import dev.pullplan.diag.Position;

/**
 * The stack name a config declares in its {@code pullplan { stack = "..." }} block. It is
 * recorded in state when the state is created and must match it from then on: every object
 * pullplan makes in Azure and in clusters carries it.
 */
public record StackName(String value, Position origin) {}
