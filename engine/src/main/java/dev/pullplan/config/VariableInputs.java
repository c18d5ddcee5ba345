package dev.pullplan.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Variable values from outside the config files, lowest precedence first as in Terraform:
 * {@code PULLPLAN_VAR_name} environment variables, then {@code *.auto.pullplan.vars} files (read
 * from the config directory), then {@code varFiles}, then {@code assignments}, each in order.
 *
 * @param assignments {@code --var name=value} arguments, in command-line order
 * @param varFiles {@code --var-file} arguments, HCL ({@code name = value}) or JSON by extension
 * @param environment the process environment, read for {@code PULLPLAN_VAR_name}
 */
public record VariableInputs(List<String> assignments, List<Path> varFiles, Map<String, String> environment) {
  public static final String ENV_PREFIX = "PULLPLAN_VAR_";

  public VariableInputs {
    assignments = List.copyOf(assignments);
    varFiles = List.copyOf(varFiles);
    environment = Map.copyOf(environment);
  }

  public static VariableInputs none() {
    return new VariableInputs(List.of(), List.of(), Map.of());
  }

  /** Values may be secrets: never printed. */
  @Override
  public String toString() {
    return "VariableInputs[" + assignments.size() + " assignments, varFiles=" + varFiles + "]";
  }
}
