package dev.pullplan.diag;

/** A place in a config file: 1-based line and column. */
public record Position(String file, int line, int column) {

  public static Position unknown(String file) {
    return new Position(file, 0, 0);
  }

  public boolean isKnown() {
    return line > 0;
  }

  @Override
  public String toString() {
    return isKnown() ? file + ":" + line + ":" + column : file;
  }
}
