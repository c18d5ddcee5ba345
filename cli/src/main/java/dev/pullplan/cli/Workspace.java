package dev.pullplan.cli;

import dev.pullplan.config.ConfigLoader;
import dev.pullplan.config.Loaded;
import dev.pullplan.context.ProviderRegistry;
import dev.pullplan.model.Stack;
import dev.pullplan.run.Engine;
import dev.pullplan.PullplanException;
import dev.pullplan.backend.git.GitProvenance;
import dev.pullplan.state.Provenance;
import dev.pullplan.state.StateBackend;
import dev.pullplan.state.crypto.Keyring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A loaded stack and the state it goes with: what most commands start from. Closed when the
 * command ends, which closes the HTTP log its runs wrote to.
 */
final class Workspace implements AutoCloseable {
  static final String STATE_FILE = "pullplan.state.json";

  private final Console console;
  private final ProviderRegistry providers;
  private final Printer printer;
  private final Stack stack;
  private final Supplier<StateBackend> backend;
  private final Optional<Keyring> keyring;
  private final dev.pullplan.spi.HttpLog httpLog;

  private Workspace(Console console, ProviderRegistry providers, Printer printer, Stack stack, Supplier<StateBackend> backend,
      Optional<Keyring> keyring, dev.pullplan.spi.HttpLog httpLog) {
    this.httpLog = httpLog;
    this.console = console;
    this.providers = providers;
    this.printer = printer;
    this.stack = stack;
    this.backend = backend;
    this.keyring = keyring;
  }

  /**
   * Loads the config (printing its warnings) and opens the state in the backend it names; config
   * errors are thrown. Refuses to run when the config names another backend but a local state
   * file is still beside it: that state would silently be ignored.
   */
  static Workspace open(Console console, Printer printer, CommonOptions common, VariableOptions vars, StateOptions state) {
    return open(console, printer, common, vars, state, ConfigLoader::new);
  }

  /**
   * As {@link #open(Console, Printer, CommonOptions, VariableOptions, StateOptions)}, loading with the
   * loader {@code loader} makes of the console's providers: the ones the engine runs with.
   */
  static Workspace open(Console console, Printer printer, CommonOptions common, VariableOptions vars, StateOptions state,
      Function<ProviderRegistry, ConfigLoader> loader) {
    ProviderRegistry providers = console.providers().get();
    Stack stack = load(console, printer, common, vars, loader.apply(providers));
    BackendChoice choice = BackendChoice.of(stack, state);
    Path leftBehind = common.dir().resolve(STATE_FILE);
    if (!choice.isLocal() && Files.exists(leftBehind)) {
      throw new PullplanException("the configuration keeps state in the " + choice.type() + " backend, but a local"
          + " state file " + leftBehind + " exists: run `pullplan init` to migrate it to the " + choice.type()
          + " backend (or delete it if it is obsolete)");
    }
    Optional<Keyring> keyring = Keyring.fromEnvironment(console.env());
    // opened on first use: graph and validate-like commands never reach (or need credentials for) the backend
    Supplier<StateBackend> backend = memoized(() -> choice.open(common.dir(), keyring, console.env(), oncePerRun(printer)));
    return new Workspace(console, providers, printer, stack, backend, keyring,
        dev.pullplan.spi.HttpLog.of(console.env(), common.debug, console.err()));
  }

  /** Loads the config, printing its warnings; config errors are thrown. */
  static Stack load(Console console, Printer printer, CommonOptions common, VariableOptions vars) {
    return load(console, printer, common, vars, new ConfigLoader(console.providers().get()));
  }

  private static Stack load(Console console, Printer printer, CommonOptions common, VariableOptions vars, ConfigLoader loader) {
    Loaded loaded = loader.load(common.dir(), vars.inputs(common, console.env()));
    loaded.warnings().forEach(printer::diagnostic);
    return loaded.stack();
  }

  /** Opens {@code choice} for this stack, with the environment's key. */
  static StateBackend backend(Console console, Printer printer, Stack stack, BackendChoice choice) {
    return choice.open(stack.dir(), Keyring.fromEnvironment(console.env()), console.env(), oncePerRun(printer));
  }

  /** Where the config came from, when its directory is in a git work tree. */
  Optional<Provenance> provenance() {
    return GitProvenance.of(stack.dir());
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
    return backend.get();
  }

  private static <T> Supplier<T> memoized(Supplier<T> make) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = make.get();
        }
        return value;
      }
    };
  }

  Optional<Keyring> keyring() {
    return keyring;
  }

  /** An engine whose progress lines go to standard output, as Terraform's. */
  Engine engine() {
    return engine(console.out());
  }

  /** An engine reporting progress to {@code reporter} (apply -json's event stream). */
  Engine engine(dev.pullplan.context.RunReporter reporter) {
    return new Engine(providers, backend(), Clock.systemUTC(), console.env(), reporter, httpLog);
  }

  /** An engine whose progress lines go to {@code progress}: standard error when standard output carries a document. */
  Engine engine(java.io.PrintStream progress) {
    Clock clock = Clock.systemUTC();
    return new Engine(providers, backend(), clock, console.env(), new ProgressReporter(console, progress, clock),
        httpLog);
  }

  Printer printer() {
    return printer;
  }

  @Override
  public void close() {
    httpLog.close();
  }
}
