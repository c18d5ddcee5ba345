package dev.pullplan.config;

/** The value {@code null} during evaluation: an attribute set to it counts as not set. */
enum NullValue {
  INSTANCE
}
