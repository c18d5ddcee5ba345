package dev.pullplan.cli;

import dev.pullplan.config.ConfigLoader;
import dev.pullplan.config.Loaded;
import dev.pullplan.config.VariableInputs;
import dev.pullplan.model.Stack;
import dev.pullplan.run.Engine;
import dev.pullplan.state.LocalStateBackend;
import dev.pullplan.state.StateBackend;
import dev.pullplan.state.crypto.Keyring;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** A loaded stack and the state it goes with: what most commands start from. */
final class Workspace {
  static final String STATE_FILE = "pullplan.state.json";

  private final Console console;
  private final Printer printer;
  private final Stack stack;
  private final StateBackend backend;
  private final Optional<Keyring> keyring;

  private Workspace(Console console, Printer printer, Stack stack, StateBackend backend, Optional<Keyring> keyring) {
    this.console = console;
    this.printer = printer;
    this.stack = stack;
    this.backend = backend;
    this.keyring = keyring;
  }

  /** Loads the config (printing its warnings) and opens the state; config errors are thrown. */
  static Workspace open(Console console, Printer printer, CommonOptions common, VariableOptions vars, StateOptions state) {
    Loaded loaded = new ConfigLoader().load(common.dir(),
        new VariableInputs(vars.vars, vars.varFiles, console.env()));
    loaded.warnings().forEach(printer::diagnostic);
    Optional<Keyring> keyring = Keyring.fromEnvironment(console.env());
    Path file = state.statePath().orElse(common.dir().resolve(STATE_FILE));
    StateBackend backend = new LocalStateBackend(file, keyring, oncePerRun(printer));
    return new Workspace(console, printer, loaded.stack(), backend, keyring);
  }

  /** The state warns on every write; one apply writes many times, the user needs to read it once. */
  private static Consumer<String> oncePerRun(Printer printer) {
    AtomicBoolean warned = new AtomicBoolean();
    return message -> {
      if (warned.compareAndSet(false, true)) {
        printer.warning(message.replaceFirst("^WARNING: ", ""));
      }
    };
  }

  Stack stack() {
    return stack;
  }

  StateBackend backend() {
    return backend;
  }

  Optional<Keyring> keyring() {
    return keyring;
  }

  Engine engine() {
    Clock clock = Clock.systemUTC();
    return new Engine(console.providers().get(), backend, clock, console.env(), new ProgressReporter(console, clock));
  }

  Printer printer() {
    return printer;
  }
}
