package dev.pullplan.cli;

import dev.pullplan.diag.Diagnostic;
import dev.pullplan.render.Style;
import java.io.PrintStream;

/** Writes to the console with colour only on a terminal and never with --no-color. */
public final class Printer {
  private final Console console;
  private final Style style;

  private final boolean compactWarnings;

  public Printer(Console console, CommonOptions common) {
    this(console, common.noColor, false);
  }

  /**
   * @param noColor {@code --no-color}
   * @param compactWarnings {@code -compact-warnings}: a warning is its one-line message, without the hint under it
   */
  Printer(Console console, boolean noColor, boolean compactWarnings) {
    this.console = console;
    this.style = Style.of(console.terminal() && !noColor && !console.env().containsKey("NO_COLOR"));
    this.compactWarnings = compactWarnings;
  }

  public Style style() {
    return style;
  }

  public PrintStream out() {
    return console.out();
  }

  public void println(String line) {
    console.out().println(line);
  }

  public void print(String text) {
    console.out().print(text);
    console.out().flush();
  }

  public void warning(String message) {
    console.err().println(style.yellow("Warning: ") + message);
  }

  public void error(String message) {
    console.err().println(style.red("Error: ") + message);
  }

  public void diagnostic(Diagnostic d) {
    String label = d.isError() ? style.red("error") : style.yellow("warning");
    console.err().println(d.position() + ": " + label + ": " + d.message());
    if (d.isError() || !compactWarnings) {
      d.hint().ifPresent(h -> console.err().println("  " + h));
    }
  }
}
