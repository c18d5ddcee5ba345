package dev.pullplan.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options every command on a stack takes. Terraform's single-dash spellings are aliases.
 * {@code -chdir} is also accepted before the verb, in Terraform's position
 * ({@code pullplan -chdir=DIR plan}); both are combined, the verb's relative to the global one.
 */
public final class CommonOptions {
  @Option(names = {"--chdir", "-chdir", "-C"}, paramLabel = "DIR",
      description = {"Directory holding the *.pullplan.hcl files (default: the current directory).",
          "As Terraform's -chdir, other relative paths (--var-file, --out, --state, PLANFILE, drift --output)"
              + " are then relative to DIR."})
  Path chdir = Path.of(".");

  @Option(names = {"--no-color", "-no-color"}, description = "Never colour the output (colour is only used on a terminal anyway).")
  boolean noColor;

  @Option(names = {"--debug"}, description = {"Print stack traces of errors and API call counts, and log every HTTP request and response"
      + " (status, time taken; secrets redacted) to standard error or PULLPLAN_LOG_PATH.",
      "PULLPLAN_LOG=debug does the same; PULLPLAN_LOG=trace adds headers and bodies."})
  boolean debug;

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  /** The stack directory: {@code -chdir} of the verb, relative to a {@code -chdir} given before the verb. */
  public Path dir() {
    return Pullplan.globalChdir(command).map(global -> global.resolve(chdir).normalize()).orElse(chdir);
  }

  /** A path the user gave, as Terraform reads it after {@code -chdir}: relative to the stack directory. */
  public Path resolve(Path given) {
    return dir().resolve(given);
  }
}
