package dev.pullplan.cli;

import dev.pullplan.PullplanException;
import dev.pullplan.plan.Plan;
import dev.pullplan.plan.PlanFile;
import dev.pullplan.json.Json;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.state.State;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Show the state (what pullplan manages, with owners and expiry), or a saved plan. Takes no lock.")
final class ShowCommand extends StackCommand {

  @Parameters(arity = "0..1", paramLabel = "PLANFILE", description = "A plan saved with `pullplan plan --out`.")
  Path planFile;

  @Mixin PlanFormatOptions output;

  ShowCommand(Console console) {
    super(console);
  }

  @Override
  int execute(Workspace ws) {
    Printer printer = ws.printer();
    PlanFormat format = output.chosen();
    if (planFile != null) {
      Plan plan = new PlanFile(ws.keyring()).read(common.resolve(planFile));
      printer.print(format.render(plan, printer.style()));
      return ExitCodes.OK;
    }
    if (format == PlanFormat.MARKDOWN) {
      throw new PullplanException("--format markdown shows a saved plan: pullplan show PLANFILE --format markdown");
    }
    Optional<State> current = ws.backend().read();
    if (current.isEmpty()) {
      printer.println("No state: nothing has been applied in this stack yet (" + ws.backend().describe() + ").");
      return ExitCodes.OK;
    }
    State s = current.get();
    if (format == PlanFormat.JSON) {
      Map<String, Object> doc = new LinkedHashMap<>(StateView.json(s));
      doc.put("outputs", OutputValues.json(ws.stack()));
      printer.print(Json.write(doc));
      return ExitCodes.OK;
    }
    printer.println("State " + ws.backend().describe() + ": serial " + s.serial() + ", lineage " + s.lineage()
        + ", written by pullplan " + s.pullplanVersion());
    s.provenance().ifPresent(p -> printer.println("Last applied from commit " + p.commit()
        + p.branch().map(b -> " on " + b).orElse("") + (p.dirty() ? " (work tree had uncommitted changes)" : "")));
    printer.println("");
    for (ResourceState r : s.resources()) {
      printer.print(StateView.resource(r));
      printer.println("");
    }
    printer.print(OutputValues.section(ws.stack()).stripLeading());
    return ExitCodes.OK;
  }
}
