package dev.pullplan.cli;

import dev.pullplan.PullplanException;
import dev.pullplan.model.Stack;
import dev.pullplan.state.LocalStateBackendFactory;
import dev.pullplan.state.State;
import dev.pullplan.state.StateBackend;
import dev.pullplan.state.StateLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "init", mixinStandardHelpOptions = true,
    description = {"Prepare the state backend the config's backend block names, migrating existing state to it.",
        "Copies the state from where it is now (the local file, or --from-backend), reads it back and verifies"
            + " lineage, serial and resources, then switches: a migrated local file is renamed to *.migrated.",
        "Refuses when both backends hold state of different lineages. With no state anywhere it only checks that"
            + " the backend is reachable."})
final class InitCommand implements Callable<Integer> {
  static final String MIGRATED_SUFFIX = ".migrated";

  private final Console console;

  @Mixin CommonOptions common;
  @Mixin VariableOptions vars;
  @Mixin StateOptions state;

  @Option(names = {"--from-backend", "-from-backend"}, paramLabel = "TYPE", defaultValue = LocalStateBackendFactory.TYPE,
      description = "The backend the state is in now: local, kubernetes or git (default: ${DEFAULT-VALUE}).")
  String fromBackend;

  @Option(names = {"--from-backend-config", "-from-backend-config"}, paramLabel = "KEY=VALUE", mapFallbackValue = "",
      description = "A setting of the backend the state is in now, e.g. path=old.state.json; repeatable.")
  Map<String, String> fromConfig = new LinkedHashMap<>();

  InitCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    Printer printer = new Printer(console, common);
    Stack stack = Workspace.load(console, printer, common, vars);
    BackendChoice target = BackendChoice.of(stack, state);
    BackendChoice source = new BackendChoice(fromBackend, fromConfig);
    StateBackend to = Workspace.backend(console, printer, stack, target);
    Optional<State> there = to.read();
    if (source.sameStore(target, stack.dir())) {
      printer.println("The " + target.type() + " backend " + to.describe() + " is reachable; " + holding(there)
          + ". Nothing to migrate: the state is already where the configuration keeps it.");
      return ExitCodes.OK;
    }
    StateBackend from = Workspace.backend(console, printer, stack, source);
    Optional<State> here = from.read();
    if (here.isEmpty()) {
      printer.println("The " + target.type() + " backend " + to.describe() + " is reachable; " + holding(there)
          + ". There is no state in " + from.describe() + " to migrate.");
      return ExitCodes.OK;
    }
    if (there.isPresent()) {
      refuseUnrelated(here.get(), there.get(), from, to);
      if (sameContent(here.get(), there.get())) {
        printer.println("The state (serial " + there.get().serial() + ", lineage " + there.get().lineage()
            + ") is already in " + to.describe() + ".");
        switchFrom(printer, source, stack.dir());
        return ExitCodes.OK;
      }
    }
    State copied = copy(from, to);
    printer.println("Copied the state (serial " + copied.serial() + ", lineage " + copied.lineage() + ", "
        + copied.resources().size() + " resources) from " + from.describe() + " to " + to.describe()
        + " and verified it.");
    switchFrom(printer, source, stack.dir());
    return ExitCodes.OK;
  }

  private static String holding(Optional<State> state) {
    return state.map(s -> "it holds state serial " + s.serial() + ", lineage " + s.lineage()).orElse("it holds no state yet");
  }

  private static void refuseUnrelated(State here, State there, StateBackend from, StateBackend to) {
    if (!here.lineage().equals(there.lineage())) {
      throw new PullplanException("both " + from.describe() + " (lineage " + here.lineage() + ", serial " + here.serial()
          + ") and " + to.describe() + " (lineage " + there.lineage() + ", serial " + there.serial() + ") hold state,"
          + " of different lineages: they are different stacks' states and neither is overwritten. Point the backend"
          + " block at an empty location, or remove the state that is wrong.");
    }
    if (there.serial() > here.serial()) {
      throw new PullplanException(to.describe() + " already holds a newer version of this state (serial "
          + there.serial() + ") than " + from.describe() + " (serial " + here.serial() + "): it was migrated and"
          + " applied since; nothing was copied. Remove " + from.describe() + " if it is obsolete.");
    }
  }

  /** Copies under both locks, then reads the copy back: the source is only switched off after that. */
  private State copy(StateBackend from, StateBackend to) {
    try (StateLock targetLock = to.lock("init", state.lockTimeout);
        StateLock sourceLock = from.lock("init", state.lockTimeout)) {
      State current = from.read().orElseThrow(() -> new PullplanException(from.describe() + " disappeared during init"));
      Optional<State> there = to.read();
      if (there.isPresent()) {
        refuseUnrelated(current, there.get(), from, to);
      }
      to.write(current);
      State back = to.read().orElseThrow(() -> new PullplanException("the state written to " + to.describe()
          + " cannot be read back; " + from.describe() + " was left as it was"));
      if (!sameContent(current, back)) {
        throw new PullplanException("the state read back from " + to.describe() + " differs from " + from.describe()
            + " (serial " + back.serial() + " vs " + current.serial() + "); " + from.describe() + " was left as it was");
      }
      return back;
    }
  }

  private static boolean sameContent(State a, State b) {
    return a.lineage().equals(b.lineage()) && a.serial() == b.serial() && a.resources().equals(b.resources());
  }

  /** A migrated local file is renamed, so no command uses it by mistake (Workspace refuses while it is there). */
  private void switchFrom(Printer printer, BackendChoice source, Path stackDir) {
    if (!source.isLocal()) {
      printer.println("The state in the " + source.type() + " backend was left in place; delete it once you are"
          + " satisfied. Commands now use the backend the configuration names.");
      return;
    }
    Path file = source.localFile(stackDir).orElseThrow();
    Path migrated = file.resolveSibling(file.getFileName() + MIGRATED_SUFFIX);
    try {
      Files.move(file, migrated, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new PullplanException("the state was migrated, but " + file + " could not be renamed to " + migrated
          + " (" + e + "); rename or delete it yourself");
    }
    printer.println("Renamed " + file + " to " + migrated + ". It (and its .backup) hold the old copy, with any"
        + " secrets in it: delete them once you are satisfied. Commands now use the backend the configuration names.");
  }
}
