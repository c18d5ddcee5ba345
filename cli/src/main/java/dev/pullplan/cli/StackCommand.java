package dev.pullplan.cli;

import dev.pullplan.config.ConfigLoader;
import dev.pullplan.context.ProviderRegistry;
import dev.pullplan.run.Engine;
import dev.pullplan.context.Run;
import dev.pullplan.spi.RunOptions;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Mixin;

/**
 * What every command on a stack and its state starts with, written once (JReleaser's
 * {@code AbstractModelCommand.execute()} then {@code doExecute(context)}): the common, variable and
 * state options, a {@link Printer}, and the loaded {@link Workspace}. A command implements
 * {@link #execute(Workspace)} and, when it talks to providers, opens a run with {@link #inRun}.
 */
abstract class StackCommand implements Callable<Integer> {
  final Console console;

  @Mixin CommonOptions common;
  @Mixin VariableOptions vars;
  @Mixin StateOptions state;

  StackCommand(Console console) {
    this.console = console;
  }

  @Override
  public final Integer call() throws Exception {
    Printer printer = new Printer(console, common.noColor, compactWarnings());
    before(printer);
    try (Workspace ws = Workspace.open(console, printer, common, vars, state, this::loader)) {
      return execute(ws);
    }
  }

  /**
   * Where progress lines go: standard output with the results, as Terraform (so {@code apply > log}
   * keeps them); errors and warnings always go to standard error.
   */
  java.io.PrintStream progress() {
    return console.out();
  }

  /**
   * How the config is loaded, checked against {@code providers}: every variable needs a value, unless
   * the command says otherwise.
   */
  ConfigLoader loader(ProviderRegistry providers) {
    return new ConfigLoader(providers);
  }

  /** {@code -compact-warnings}, for the commands that have it. */
  boolean compactWarnings() {
    return false;
  }

  /** Checks that need neither the config nor the state (refuse bad flags before loading anything). */
  void before(Printer printer) {}

  /** The command itself, on the loaded config and its opened state backend. */
  abstract int execute(Workspace ws) throws Exception;

  /** Opens a run of the workspace's engine for {@code step}, and closes it (and its provider sessions) after. */
  <T> T inRun(Workspace ws, RunOptions options, BiFunction<Engine, Run, T> step) {
    Engine engine = ws.engine(progress());
    try (Run run = engine.open(ws.stack(), options)) {
      return step.apply(engine, run);
    }
  }
}
