package dev.pullplan.cli;

import dev.pullplan.config.VariableInputs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where variable values come from, besides PULLPLAN_VAR_name and *.auto.pullplan.vars. */
public final class VariableOptions {
  @Option(names = {"--var", "-var"}, paramLabel = "NAME=VALUE",
      description = "Set a variable (repeatable; later ones win).")
  List<String> vars = new ArrayList<>();

  @Option(names = {"--var-file", "-var-file"}, paramLabel = "FILE",
      description = "Read variable values from an HCL or JSON file (repeatable).")
  List<Path> varFiles = new ArrayList<>();

  /** The variable inputs, files read relative to the stack directory as after Terraform's -chdir. */
  VariableInputs inputs(CommonOptions common, Map<String, String> env) {
    return new VariableInputs(vars, varFiles.stream().map(common::resolve).toList(), env);
  }
}
