package dev.pullplan.config.syntax;

/**
 * How deep blocks, lists, maps, parentheses and {@code ${...}} may nest. The parser descends
 * recursively, so without a bound a file of a few thousand {@code [} ends in a
 * {@code StackOverflowError}; real configs nest fewer than ten levels.
 */
public final class NestingLimit {
  public static final int MAX_DEPTH = 100;

  private NestingLimit() {}
}
