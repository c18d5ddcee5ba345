package dev.pullplan.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "force-unlock", mixinStandardHelpOptions = true,
    description = "Remove a state lock left behind by a run that crashed. The ID is in the lock error message.")
final class ForceUnlockCommand implements Callable<Integer> {
  private final Console console;

  @Mixin CommonOptions common;
  @Mixin VariableOptions vars;
  @Mixin StateOptions state;

  @Parameters(paramLabel = "ID") String id;

  ForceUnlockCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    Workspace ws = Workspace.open(console, new Printer(console, common), common, vars, state);
    ws.backend().forceUnlock(id);
    console.out().println("The state lock " + id + " was removed.");
    return ExitCodes.OK;
  }
}
