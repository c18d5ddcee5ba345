package dev.pullplan.cli;

import dev.pullplan.diag.Diagnostic;
import dev.pullplan.render.Style;
import java.io.PrintStream;

/** Writes to the console with colour only on a terminal and never with --no-color. */
public final class Printer {
  private final Console console;
  private final Style style;

  public Printer(Console console, CommonOptions common) {
    this.console = console;
    this.style = Style.of(console.terminal() && !common.noColor && !console.env().containsKey("NO_COLOR"));
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
    d.hint().ifPresent(h -> console.err().println("  " + h));
  }
}
