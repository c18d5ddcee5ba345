package dev.pullplan.config;

/** The value of a reference to a whole block, such as {@code registry.shared}. */
record BlockRef(String kind, String name) {
  String shown() {
    return kind + "." + name;
  }
}
