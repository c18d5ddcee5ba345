package dev.pullplan.model;

import dev.pullplan.address.MoveEndpoint;
import dev.pullplan.diag.Position;

/**
 * A {@code moved} block: the resources state records under {@code from} are the ones the config
 * now declares under {@code to}, so a rename or a new {@code for_each} key re-addresses them
 * instead of deleting one credential and creating another.
 */
public record Moved(MoveEndpoint from, MoveEndpoint to, Position origin) {}
