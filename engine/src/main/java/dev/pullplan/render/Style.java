package dev.pullplan.render;

/** ANSI colours, or none: colour only on a terminal and never with --no-color. */
public final class Style {
  public static final Style PLAIN = new Style(false);
  public static final Style COLOR = new Style(true);

  private final boolean color;

  private Style(boolean color) {
    this.color = color;
  }

  public static Style of(boolean color) {
    return color ? COLOR : PLAIN;
  }

  public String green(String s) {
    return paint("32", s);
  }

  public String yellow(String s) {
    return paint("33", s);
  }

  public String red(String s) {
    return paint("31", s);
  }

  public String cyan(String s) {
    return paint("36", s);
  }

  public String bold(String s) {
    return paint("1", s);
  }

  public String dim(String s) {
    return paint("2", s);
  }

  private String paint(String code, String s) {
    return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }
}
