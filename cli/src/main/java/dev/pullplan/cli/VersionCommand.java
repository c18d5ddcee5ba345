package dev.pullplan.cli;

import dev.pullplan.spi.Provider;
import dev.pullplan.state.Version;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "version", mixinStandardHelpOptions = true, description = "Print pullplan's version and its providers.")
final class VersionCommand implements Callable<Integer> {
  @Mixin ColorOptions common;

  private final Console console;

  VersionCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    console.out().println("pullplan " + Version.current());
    console.out().println("java " + System.getProperty("java.version"));
    for (Provider p : console.providers().get().providers()) {
      console.out().println("provider " + p.name() + ": " + String.join(", ", new java.util.TreeSet<>(p.resourceTypes())));
    }
    return ExitCodes.OK;
  }
}
