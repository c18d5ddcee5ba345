package dev.pullplan.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "force-unlock", mixinStandardHelpOptions = true,
    description = "Remove a state lock left behind by a run that crashed. The ID is in the lock error message.")
final class ForceUnlockCommand extends StackCommand {
  @Parameters(paramLabel = "ID") String id;

  ForceUnlockCommand(Console console) {
    super(console);
  }

  @Override
  int execute(Workspace ws) {
    ws.backend().forceUnlock(id);
    console.out().println("The state lock " + id + " was removed.");
    return ExitCodes.OK;
  }
}
