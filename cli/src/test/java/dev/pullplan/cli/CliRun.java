package dev.pullplan.cli;

import dev.pullplan.context.ProviderRegistry;
import dev.pullplan.testing.InMemoryProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the command line in-process against the in-memory provider and captures what it prints. */
final class CliRun {
  final InMemoryProvider world = new InMemoryProvider();
  final Map<String, String> env = new HashMap<>();
  final Path dir;
  boolean terminal;
  String input = "";

  record Result(int exit, String out, String err) {
    String all() {
      return out + err;
    }
  }

  CliRun(Path dir) {
    this.dir = dir;
  }

  Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Console console = new Console(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.copyOf(env), terminal, () -> new ProviderRegistry(List.of(world)));
    int exit = Pullplan.run(console, args);
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs a command in the stack directory. */
  Result inStack(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--chdir");
    all.add(dir.toString());
    return run(all.toArray(String[]::new));
  }
}
