package dev.pullplan.cli;

import dev.pullplan.run.Engine;
import dev.pullplan.run.Run;
import dev.pullplan.spi.ResourceState;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Bring an existing object under pullplan's management.",
        "The address must be in the config; afterwards `pullplan plan` is a no-op when the object matches it."})
final class ImportCommand implements Callable<Integer> {
  private final Console console;

  @Mixin CommonOptions common;
  @Mixin VariableOptions vars;
  @Mixin StateOptions state;

  @Parameters(index = "0", paramLabel = "ADDRESS", description = "e.g. access.team_apps.k8s_secret[\"apps\"]")
  String address;

  @Parameters(index = "1", paramLabel = "ID", description = {"The object's id, which must name the object the config describes at ADDRESS:",
      "  k8s_namespace: its name; k8s_secret: namespace/name; k8s_sa_pull_secret: namespace/serviceaccount;",
      "  acr_scope_map: its name (or ARM id); azure_role_assignment, azure_acr_attach: the role assignment's ARM id.",
      "  azure_service_principal and acr_token cannot be imported (their passwords cannot be read back);",
      "  external_credential needs no import."})
  String id;

  ImportCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    Printer printer = new Printer(console, common);
    Workspace ws = Workspace.open(console, printer, common, vars, state);
    Engine engine = ws.engine();
    try (Run run = engine.open(ws.stack())) {
      ResourceState imported = engine.importResource(run, StateCommand.address(address), id, state.lockTimeout);
      printer.println(printer.style().green("Import successful!") + " " + imported.address() + " is " + imported.id()
          + ". Run `pullplan plan` to see whether it matches the config.");
    }
    return ExitCodes.OK;
  }
}
