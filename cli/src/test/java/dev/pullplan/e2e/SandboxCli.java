package dev.pullplan.e2e;

import dev.pullplan.cli.Console;
import dev.pullplan.cli.Pullplan;
import dev.pullplan.context.ProviderRegistry;
import dev.pullplan.sandbox.Sandbox;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The command line in-process, with the real providers, against a sandbox: what a user gets after `source sandbox.env`. */
final class SandboxCli implements AutoCloseable {
  final Sandbox sandbox;
  final Map<String, String> env = new HashMap<>();

  record Result(int exit, String out, String err) {
    String all() {
      return out + err;
    }
  }

  SandboxCli(Path dir) {
    sandbox = Sandbox.start(dir);
    env.putAll(sandbox.environment());
    env.put("HOME", dir.toString());
  }

  Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Console console = new Console(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.copyOf(env), false, ProviderRegistry::discover);
    int exit = Pullplan.run(console, args);
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
