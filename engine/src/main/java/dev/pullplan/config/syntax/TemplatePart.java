package dev.pullplan.config.syntax;

import dev.pullplan.diag.Position;

/** A piece of a string template: literal text, or the source of one {@code ${...}}. */
sealed interface TemplatePart {

  record Literal(String text) implements TemplatePart {}

  /** The expression text between {@code ${} and {@code }}, and where it starts. */
  record Interpolation(String source, Position position) implements TemplatePart {}
}
