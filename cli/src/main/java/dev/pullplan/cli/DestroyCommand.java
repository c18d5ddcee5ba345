package dev.pullplan.cli;

import dev.pullplan.spi.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "destroy", mixinStandardHelpOptions = true,
    description = {"Remove everything pullplan manages in this stack (plan --destroy, then apply).",
        "Objects pullplan did not create are never touched."})
final class DestroyCommand extends StackCommand {
  @Mixin PlanFlags flags;
  @Mixin LockFlag lock;

  @Option(names = {"--auto-approve", "-auto-approve"}, description = "Destroy without asking.")
  boolean autoApprove;

  @Option(names = {"--json", "-json"}, description = "Print one JSON event a line, as apply --json; needs --auto-approve.")
  boolean json;

  @Option(names = {"--input", "-input"}, arity = "1", defaultValue = "true", paramLabel = "BOOL",
      description = "Ask for approval at the terminal (default: ${DEFAULT-VALUE}).")
  boolean input;

  DestroyCommand(Console console) {
    super(console);
  }

  @Override
  boolean compactWarnings() {
    return flags.compactWarnings;
  }

  @Override
  int execute(Workspace ws) {
    return new ApplyFlow(console, ws.printer(), ws).json(json).planAndApply(flags.options(true), RunOptions.DEFAULTS, autoApprove, input, lock, state.lockTimeout);
  }
}
