package dev.pullplan.cli;

import dev.pullplan.config.ConfigLoader;
import dev.pullplan.config.Loaded;
import dev.pullplan.diag.Diagnostic;
import dev.pullplan.diag.DiagnosticsException;
import dev.pullplan.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Check the configuration: syntax, types, references. Makes no network call.",
        "Exit code 0 when valid, 1 when not."})
final class ValidateCommand implements Callable<Integer> {
  private final Console console;

  @Mixin CommonOptions common;
  @Mixin VariableOptions vars;

  @Option(names = {"--json", "-json"}, description = "Print the result as JSON.")
  boolean json;

  ValidateCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    Printer printer = new Printer(console, common);
    List<Diagnostic> diagnostics = new ArrayList<>();
    boolean valid;
    try {
      Loaded loaded = new ConfigLoader(console.providers().get()).withUnsetVariablesUnknown().load(common.dir(), vars.inputs(common, console.env()));
      diagnostics.addAll(loaded.warnings());
      valid = true;
    } catch (DiagnosticsException e) {
      diagnostics.addAll(e.diagnostics());
      valid = false;
    }
    if (json) {
      printer.print(Json.write(document(valid, diagnostics)));
    } else {
      diagnostics.forEach(printer::diagnostic);
      long errors = diagnostics.stream().filter(Diagnostic::isError).count();
      if (valid) {
        printer.println(printer.style().green("Success!") + " The configuration is valid.");
      } else {
        console.err().println(errors + (errors == 1 ? " error" : " errors") + " in the configuration.");
      }
    }
    return valid ? ExitCodes.OK : ExitCodes.ERROR;
  }

  private static Map<String, Object> document(boolean valid, List<Diagnostic> diagnostics) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format_version", "1.0");
    doc.put("valid", valid);
    doc.put("error_count", diagnostics.stream().filter(Diagnostic::isError).count());
    doc.put("warning_count", diagnostics.stream().filter(d -> !d.isError()).count());
    List<Object> items = new ArrayList<>();
    for (Diagnostic d : diagnostics) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("severity", d.severity().label());
      m.put("message", d.message());
      d.hint().ifPresent(h -> m.put("hint", h));
      m.put("file", d.position().file());
      m.put("line", d.position().line());
      m.put("column", d.position().column());
      items.add(m);
    }
    doc.put("diagnostics", items);
    return doc;
  }
}
