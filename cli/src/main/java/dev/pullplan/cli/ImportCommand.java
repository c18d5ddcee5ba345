package dev.pullplan.cli;

import dev.pullplan.spi.ResourceState;
import dev.pullplan.spi.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Bring an existing object under pullplan's management.",
        "The address must be in the config; afterwards `pullplan plan` is a no-op when the object matches it."})
final class ImportCommand extends StackCommand {

  @Parameters(index = "0", paramLabel = "ADDRESS", description = "e.g. access.team_apps.k8s_secret[\"apps\"]")
  String address;

  @Parameters(index = "1", paramLabel = "ID", description = {"The object's id, which must name the object the config describes at ADDRESS:",
      "  k8s_namespace: its name; k8s_secret: namespace/name; k8s_sa_pull_secret: namespace/serviceaccount;",
      "  acr_scope_map: its name (or ARM id); azure_role_assignment, azure_acr_attach: the role assignment's ARM id.",
      "  azure_service_principal and acr_token cannot be imported (their passwords cannot be read back);",
      "  external_credential needs no import."})
  String id;

  @Option(names = {"--input", "-input"}, arity = "1", defaultValue = "true", paramLabel = "BOOL",
      description = "Accepted for Terraform's CI templates: import never prompts, so true and false behave alike.")
  boolean input;

  ImportCommand(Console console) {
    super(console);
  }

  @Override
  int execute(Workspace ws) {
    Printer printer = ws.printer();
    ResourceState imported = inRun(ws, RunOptions.DEFAULTS,
        (engine, run) -> engine.importResource(run, StateCommand.address(address), id, state.lockTimeout));
    printer.println(printer.style().green("Import successful!") + " " + imported.address() + " is " + imported.id()
        + ". Run `pullplan plan` to see whether it matches the config.");
    return ExitCodes.OK;
  }
}
