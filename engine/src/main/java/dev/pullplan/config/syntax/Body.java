package dev.pullplan.config.syntax;

import java.util.List;

/** The attributes and nested blocks of a file or a block, in source order. */
public record Body(List<Attribute> attributes, List<Block> blocks) {

  public static Body empty() {
    return new Body(List.of(), List.of());
  }
}
