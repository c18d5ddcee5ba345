package dev.pullplan.cli;

import dev.pullplan.PullplanException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options every command on a stack takes. Terraform's single-dash spellings are aliases.
 * {@code -chdir} is also accepted before the verb, in Terraform's position
 * ({@code pullplan -chdir=DIR plan}); given in both places, it must name the same directory.
 */
public final class CommonOptions {
  @Option(names = {"--chdir", "-chdir", "-C"}, paramLabel = "DIR",
      description = {"Directory holding the *.pullplan.hcl files (default: the current directory); also accepted"
          + " before the verb, as Terraform's: pullplan -chdir=DIR plan.",
          "As after Terraform's -chdir, other relative paths (--var-file, --out, --state, PLANFILE, drift --output)"
              + " are then relative to DIR."})
  Path chdir;

  @Option(names = {"--no-color", "-no-color"}, description = "Never colour the output (colour is only used on a terminal anyway).")
  boolean noColor;

  @Option(names = {"--debug"}, description = {"Print stack traces of errors and API call counts, and log every HTTP request and response"
      + " (status, time taken; secrets redacted) to standard error or PULLPLAN_LOG_PATH.",
      "PULLPLAN_LOG=debug does the same; PULLPLAN_LOG=trace adds headers and bodies."})
  boolean debug;

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  /** The stack directory: {@code -chdir} before or after the verb, else the current directory. */
  public Path dir() {
    Optional<Path> global = Pullplan.globalChdir(command);
    if (global.isPresent() && chdir != null && !sameDirectory(global.get(), chdir)) {
      throw new PullplanException("-chdir is given before the verb (" + global.get() + ") and after it (" + chdir
          + "): give it once");
    }
    return global.or(() -> Optional.ofNullable(chdir)).orElse(Path.of("."));
  }

  private static boolean sameDirectory(Path a, Path b) {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  /** A path the user gave, as Terraform reads it after {@code -chdir}: relative to the stack directory. */
  public Path resolve(Path given) {
    return dir().resolve(given);
  }
}
