package dev.pullplan.cli;

import dev.pullplan.IoFailure;
import dev.pullplan.PullplanException;
import dev.pullplan.config.ConfigLoader;
import dev.pullplan.config.syntax.NativeSyntax;
import dev.pullplan.diag.Diagnostics;
import dev.pullplan.diag.DiagnosticsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "fmt", mixinStandardHelpOptions = true,
    description = {"Rewrite *.pullplan.hcl and *.pullplan.vars files in the canonical layout, as terraform fmt:",
        "two spaces per level, the = of consecutive attributes aligned, no trailing spaces, one blank line at most.",
        "Comments stay where they are. Prints the name of each file it changed.",
        "Exit code 0 when done (with --check: all formatted), 3 when --check finds files to format, 1 on error."})
final class FmtCommand implements Callable<Integer> {
  /** As terraform fmt -check: "some files are not formatted". */
  static final int UNFORMATTED = 3;

  private final Console console;

  @Mixin CommonOptions common;

  @Parameters(arity = "0..*", paramLabel = "TARGET", description = "Files or directories (default: the config directory).")
  List<Path> targets = new ArrayList<>();

  @Option(names = {"--check", "-check"}, description = "Change no file; list those not formatted and exit 3 if there are any.")
  boolean check;

  @Option(names = {"--diff", "-diff"}, description = "Print the differences (unified diff).")
  boolean diff;

  @Option(names = {"--recursive", "-recursive"}, description = "Also format files in subdirectories.")
  boolean recursive;

  @Option(names = {"--list", "-list"}, arity = "1", defaultValue = "true", paramLabel = "BOOL",
      description = "List the files that are (or would be) changed (default: ${DEFAULT-VALUE}).")
  boolean list;

  FmtCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    List<Path> files = new ArrayList<>();
    for (Path target : targets.isEmpty() ? List.of(Path.of(".")) : targets) {
      files.addAll(files(common.resolve(target)));
    }
    Diagnostics syntax = new Diagnostics();
    int unformatted = 0;
    for (Path file : files) {
      String before = read(file);
      NativeSyntax.parse(file.toString(), before, syntax);
      if (syntax.hasErrors()) {
        continue;
      }
      String after = HclLayout.format(before);
      if (after.equals(before)) {
        continue;
      }
      unformatted++;
      if (list) {
        console.out().println(shown(file));
      }
      if (diff) {
        console.out().print(LineDiff.unified(shown(file), before, after));
      }
      if (!check) {
        write(file, after);
      }
    }
    if (syntax.hasErrors()) {
      throw new DiagnosticsException(syntax.all());
    }
    return check && unformatted > 0 ? UNFORMATTED : ExitCodes.OK;
  }

  private String shown(Path file) {
    Path here = Path.of("").toAbsolutePath();
    Path absolute = file.toAbsolutePath().normalize();
    return absolute.startsWith(here) ? here.relativize(absolute).toString() : file.toString();
  }

  private List<Path> files(Path target) {
    if (Files.isRegularFile(target)) {
      return List.of(target);
    }
    if (!Files.isDirectory(target)) {
      throw new PullplanException(target + ": no such file or directory");
    }
    try (Stream<Path> walk = recursive ? Files.walk(target) : Files.list(target)) {
      return walk.filter(Files::isRegularFile).filter(FmtCommand::isConfig).sorted().toList();
    } catch (IOException e) {
      throw new PullplanException("cannot list " + IoFailure.describe(target, e), e);
    }
  }

  private static boolean isConfig(Path p) {
    String name = p.getFileName().toString();
    return name.endsWith(ConfigLoader.HCL_SUFFIX) || name.endsWith(".pullplan.vars");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PullplanException("cannot read " + IoFailure.describe(file, e), e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PullplanException("cannot write " + IoFailure.describe(file, e), e);
    }
  }
}
