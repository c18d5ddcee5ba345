package dev.pullplan.config;

/** A block attribute that exists in general but not for this block, and why. */
record Unavailable(String reason, String hint) {}
