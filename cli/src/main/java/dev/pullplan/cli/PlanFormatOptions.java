package dev.pullplan.cli;

import dev.pullplan.PullplanException;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --format text|json|markdown}, with {@code --json} kept as the spelling of {@code --format json}. */
public final class PlanFormatOptions {
  @Option(names = {"--format", "-format"}, paramLabel = "FORMAT",
      description = "text (the default), json (schema/plan.schema.json) or markdown (for a pull-request comment: "
          + "changes grouped by block in collapsible sections, cut with a note above 60000 characters).")
  Optional<PlanFormat> format = Optional.empty();

  @Option(names = {"--json", "-json"}, description = "The same as --format json.")
  boolean json;

  PlanFormat chosen() {
    if (json && format.filter(f -> f != PlanFormat.JSON).isPresent()) {
      throw new PullplanException("--json is --format json; it cannot be combined with --format "
          + format.get().name().toLowerCase(java.util.Locale.ROOT));
    }
    return json ? PlanFormat.JSON : format.orElse(PlanFormat.TEXT);
  }
}
