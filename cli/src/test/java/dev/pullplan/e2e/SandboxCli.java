package dev.pullplan.e2e;

import dev.pullplan.cli.CliRun;
import dev.pullplan.cli.CliRun.Result;
import dev.pullplan.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The command line in-process, with the real providers, against a sandbox: what a user gets after `source sandbox.env`. */
final class SandboxCli implements AutoCloseable {
  final Sandbox sandbox;
  final Map<String, String> env = new HashMap<>();

  SandboxCli(Path dir) {
    sandbox = Sandbox.start(dir);
    env.putAll(sandbox.environment());
    env.put("HOME", dir.toString());
  }

  Result run(String... args) {
    return CliRun.withDiscoveredProviders(Path.of(""), env).run(args);
  }


  @Override
  public void close() {
    sandbox.close();
  }
}
