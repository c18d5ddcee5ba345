package dev.pullplan.cli;

import dev.pullplan.PullplanException;
import dev.pullplan.model.Output;
import dev.pullplan.json.Json;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "output", mixinStandardHelpOptions = true,
    description = {"Print the values of the config's output blocks, as Terraform's output.",
        "Outputs read only variables and block names, so they are computed from the configuration (not read from"
            + " state): give the same variables as to apply. Without NAME a sensitive value shows as (sensitive);"
            + " with NAME it is printed, as Terraform does."})
final class OutputCommand extends StackCommand {
  @Parameters(arity = "0..1", paramLabel = "NAME", description = "One output; default: all of them.")
  String name;

  @Option(names = {"--json", "-json"}, description = "Print JSON: all outputs as {name: {sensitive, value}}, or the value of NAME.")
  boolean json;

  @Option(names = {"--raw", "-raw"}, description = "Print the value of NAME (a string, number or bool) as it is, without quotes, for scripts.")
  boolean raw;

  OutputCommand(Console console) {
    super(console);
  }

  @Override
  void before(Printer printer) {
    if (json && raw) {
      throw new PullplanException("-json and -raw are two formats; give one");
    }
    if (raw && name == null) {
      throw new PullplanException("-raw prints one value: pullplan output -raw NAME");
    }
  }

  @Override
  int execute(Workspace ws) {
    Map<String, Output> outputs = ws.stack().outputs();
    if (name == null) {
      if (json) {
        Map<String, Object> all = new LinkedHashMap<>();
        outputs.values().forEach(o -> all.put(o.name(), Map.of("sensitive", o.sensitive(), "value", o.value())));
        console.out().print(Json.write(all));
      } else if (outputs.isEmpty()) {
        ws.printer().warning("the configuration has no output blocks.");
      } else {
        outputs.values().forEach(o -> console.out().println(OutputValues.line(o)));
      }
      return ExitCodes.OK;
    }
    Output o = outputs.get(name);
    if (o == null) {
      throw new PullplanException("no output \"" + name + "\" in the configuration"
          + (outputs.isEmpty() ? "" : "; the outputs are: " + String.join(", ", outputs.keySet())));
    }
    if (json) {
      console.out().print(Json.write(o.value()));
    } else if (raw) {
      if (!(o.value() instanceof String || o.value() instanceof BigDecimal || o.value() instanceof Boolean)) {
        throw new PullplanException("-raw prints a string, number or bool; output \"" + name + "\" is a list or map:"
            + " use -json");
      }
      console.out().print(o.value() instanceof BigDecimal n ? n.stripTrailingZeros().toPlainString() : o.value());
    } else {
      console.out().println(OutputValues.hcl(o.value()));
    }
    return ExitCodes.OK;
  }
}
