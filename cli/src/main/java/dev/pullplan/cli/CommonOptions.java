package dev.pullplan.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes. Terraform's single-dash spellings are aliases. */
public final class CommonOptions {
  @Option(names = {"--chdir", "-chdir", "-C"}, paramLabel = "DIR",
      description = "Directory holding the *.pullplan.hcl files (default: the current directory).")
  Path chdir = Path.of(".");

  @Option(names = {"--no-color", "-no-color"}, description = "Never colour the output (colour is only used on a terminal anyway).")
  boolean noColor;

  @Option(names = {"--debug"}, description = "Print stack traces of errors and API call counts.")
  boolean debug;

  public Path dir() {
    return chdir;
  }
}
