package dev.pullplan.model;

import dev.pullplan.diag.Position;
import java.util.Map;

/** A {@code backend} block: where state lives ({@code local} when absent). */
public record BackendBlock(String type, Map<String, String> settings, Position origin) {}
