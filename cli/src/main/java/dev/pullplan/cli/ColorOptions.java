package dev.pullplan.cli;

import picocli.CommandLine.Option;

/**
 * The common flags of commands that work on no stack directory (demo, bench, sandbox, version):
 * {@link CommonOptions} without {@code --chdir}, so {@code pullplan demo --no-color} works as
 * everywhere else.
 */
public final class ColorOptions {
  @Option(names = {"--no-color", "-no-color"}, description = "Never colour the output (colour is only used on a terminal anyway).")
  boolean noColor;

  @Option(names = {"--debug"}, description = "Print stack traces of errors.")
  boolean debug;
}
