package dev.pullplan.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import dev.pullplan.IoFailure;
import dev.pullplan.PullplanException;
import dev.pullplan.diag.Diagnostic;
import dev.pullplan.diag.DiagnosticsException;
import dev.pullplan.state.Version;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The command line: parses arguments, runs the command, and maps every failure to a message
 * and an exit code in one place. Tests call {@link #run} with their own console.
 */
@Command(name = "pullplan", mixinStandardHelpOptions = true, versionProvider = Pullplan.VersionText.class,
    description = {"Plan and apply container-registry pull access for Kubernetes clusters.", ""},
    footer = {"", "Exit codes: 0 success or no changes, 1 error, 2 changes present (plan --detailed-exitcode, drift)."})
public final class Pullplan implements Callable<Integer> {
  /** The verbs, in the order the usage lists them. */
  private static final List<Class<?>> VERBS = List.of(InitCommand.class, ValidateCommand.class, PlanCommand.class,
      ApplyCommand.class, DestroyCommand.class, DriftCommand.class, ShowCommand.class, StateCommand.class,
      ImportCommand.class, ForceUnlockCommand.class, GraphCommand.class, OutputCommand.class, FmtCommand.class,
      VersionCommand.class, SandboxCommand.class, DemoCommand.class, BenchCommand.class, CommandLine.HelpCommand.class,
      VerifyCommand.class, DoctorCommand.class);
  private static final Set<String> CHDIR = Set.of("-chdir", "--chdir", "-C");

  @Spec CommandSpec spec;

  private final Console console;

  @Option(names = {"-chdir", "--chdir", "-C"}, paramLabel = "DIR",
      description = {"Run the command in DIR, as Terraform's -chdir before the verb: pullplan -chdir=DIR plan.",
          "The verb's --chdir does the same; given both, they must name the same directory."})
  Path chdir;

  Pullplan(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(console.err());
    return ExitCodes.ERROR;
  }

  public static int run(Console console, String... args) {
    CommandLine cli = commandLine(console, verbOf(args).map(List::<Class<?>>of).orElse(VERBS));
    cli.setOut(new PrintWriter(console.out(), true));
    cli.setErr(new PrintWriter(console.err(), true));
    cli.setParameterExceptionHandler((e, a) -> {
      console.err().println("Error: " + e.getMessage());
      console.err().println("Run `" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help` for the options.");
      return ExitCodes.ERROR;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(console, e,
        debug(parseResult) || dev.pullplan.spi.HttpLog.levelOf(console.env()) != dev.pullplan.spi.HttpLog.Level.OFF));
    return cli.execute(args);
  }

  /** The {@code -chdir} given before the verb, seen from a mixin of any (sub)command. */
  static Optional<Path> globalChdir(CommandSpec command) {
    CommandSpec root = command;
    while (root != null && root.parent() != null) {
      root = root.parent();
    }
    return root != null && root.userObject() instanceof Pullplan p ? Optional.ofNullable(p.chdir) : Optional.empty();
  }

  /** The command tree, configured but not run: {@link #run} executes it, tests parse with it. */
  static CommandLine commandLine(Console console) {
    return commandLine(console, VERBS);
  }

  private static CommandLine commandLine(Console console, List<Class<?>> verbs) {
    ConsoleFactory factory = new ConsoleFactory(console);
    CommandLine cli = new CommandLine(new Pullplan(console), factory);
    for (Class<?> verb : verbs) {
      try {
        cli.addSubcommand(factory.create(verb));
      } catch (Exception e) {
        throw new IllegalStateException("cannot make the " + verb.getSimpleName() + " command", e);
      }
    }
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  /**
   * The verb the arguments run, when they name one: only its command is built, since building
   * all twenty (picocli reads each one's annotations) is most of what a short command such as
   * {@code validate} costs. Without a verb (help, version, a typo) the whole tree answers.
   */
  static Optional<Class<?>> verbOf(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (CHDIR.contains(arg)) {
        i++;
      } else if (!arg.startsWith("-")) {
        return VERBS.stream().filter(v -> v != CommandLine.HelpCommand.class)
            .filter(v -> v.getAnnotation(Command.class).name().equals(arg)).findFirst();
      }
    }
    return Optional.empty();
  }

  private static boolean debug(CommandLine.ParseResult result) {
    for (CommandLine.ParseResult r = result; r != null; r = r.subcommand()) {
      if (r.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }

  /** The one place a failure becomes a message: no stack trace unless --debug. */
  static int report(Console console, Exception e, boolean debug) {
    if (e instanceof DiagnosticsException d) {
      for (Diagnostic diagnostic : d.diagnostics()) {
        console.err().println(diagnostic);
      }
      long errors = d.diagnostics().stream().filter(Diagnostic::isError).count();
      console.err().println(errors + (errors == 1 ? " error" : " errors") + " in the configuration.");
    } else if (e instanceof PullplanException) {
      console.err().println("Error: " + e.getMessage());
    } else if (ioCause(e) instanceof IOException io) {
      // an OS error reached here unwrapped: say what happened to which file, not the Java class name
      String path = io instanceof FileSystemException f && f.getFile() != null ? f.getFile() + ": " : "";
      console.err().println("Error: " + path + IoFailure.describe(io));
    } else {
      console.err().println("Error: unexpected " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      if (!debug) {
        console.err().println("This is a bug in pullplan; run again with --debug for the stack trace and report it.");
      }
    }
    if (debug) {
      e.printStackTrace(console.err());
    }
    return ExitCodes.ERROR;
  }

  private static Throwable ioCause(Exception e) {
    return e instanceof UncheckedIOException u ? u.getCause() : e;
  }

  /** Gives commands the console through their constructor. */
  private static final class ConsoleFactory implements IFactory {
    private final Console console;
    private final IFactory fallback = CommandLine.defaultFactory();

    ConsoleFactory(Console console) {
      this.console = console;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        Constructor<K> withConsole = type.getDeclaredConstructor(Console.class);
        withConsole.setAccessible(true);
        return withConsole.newInstance(console);
      } catch (NoSuchMethodException e) {
        return fallback.create(type);
      }
    }
  }

  static final class VersionText implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"pullplan " + Version.current()};
    }
  }
}
