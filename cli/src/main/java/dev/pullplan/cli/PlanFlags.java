package dev.pullplan.cli;

import dev.pullplan.plan.PlanMode;
import dev.pullplan.plan.PlanOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How a plan is made: shared by plan, apply and destroy. */
public final class PlanFlags {
  @Option(names = {"--target", "-target"}, paramLabel = "ADDRESS",
      description = "Plan only this resource (or block, e.g. access.dev) and what it depends on;"
          + " with destroy, this resource and what depends on it. Repeatable.")
  List<String> targets = new ArrayList<>();

  @Option(names = {"--replace", "-replace"}, paramLabel = "ADDRESS",
      description = "Replace this resource even though it matches the config. Repeatable.")
  List<String> replace = new ArrayList<>();

  @Option(names = {"--refresh-only", "-refresh-only"},
      description = "Only update state to what exists; change nothing else.")
  boolean refreshOnly;

  @Option(names = {"--parallelism", "-parallelism"}, paramLabel = "N", defaultValue = "10",
      description = "How many reads and changes run at once (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = {"--compact-warnings", "-compact-warnings"},
      description = "Show warnings as their one-line message, without the hint under each.")
  boolean compactWarnings;

  PlanOptions options(boolean destroy) {
    PlanMode mode = destroy ? PlanMode.DESTROY : refreshOnly ? PlanMode.REFRESH_ONLY : PlanMode.NORMAL;
    return new PlanOptions(mode, targets, replace, parallelism);
  }
}
