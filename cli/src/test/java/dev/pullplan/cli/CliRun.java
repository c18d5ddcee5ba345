package dev.pullplan.cli;

import dev.pullplan.context.ProviderRegistry;
import dev.pullplan.spi.Provider;
import dev.pullplan.spi.ProviderSession;
import dev.pullplan.spi.RunContext;
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
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs the command line in-process and captures what it prints: against the in-memory provider,
 * or against the providers on the class path (the real ones, pointed at the sandbox).
 */
public final class CliRun {
  final InMemoryProvider world = new InMemoryProvider();
  final Map<String, String> env = new HashMap<>();
  final Path dir;
  boolean terminal;
  String input = "";
  private final Supplier<ProviderRegistry> providers;

  public record Result(int exit, String out, String err) {
    public String all() {
      return out + err;
    }
  }

  /**
   * Against {@link #world}, the in-memory provider, which handles every resource; the shipped
   * providers lend only their names and settings, so the config is checked as the real CLI checks it.
   */
  CliRun(Path dir) {
    this.dir = dir;
    this.providers = () -> {
      List<Provider> all = new ArrayList<>(List.of(world));
      ProviderRegistry.discover().providers().forEach(p -> all.add(new SettingsOnly(p)));
      return new ProviderRegistry(all);
    };
  }

  private CliRun(Path dir, Map<String, String> env) {
    this.dir = dir;
    this.env.putAll(env);
    this.providers = ProviderRegistry::discover;
  }

  /** Against the providers the class path offers, with this environment (a sandbox's, say). */
  public static CliRun withDiscoveredProviders(Path dir, Map<String, String> env) {
    return new CliRun(dir, env);
  }

  public Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Console console = new Console(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.copyOf(env), terminal, providers);
    int exit = Pullplan.run(console, args);
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs a command in the stack directory. */
  public Result inStack(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--chdir");
    all.add(dir.toString());
    return run(all.toArray(String[]::new));
  }

  /** A shipped provider's name and settings, handling no resource type. */
  private record SettingsOnly(Provider shipped) implements Provider {
    @Override
    public String name() {
      return shipped.name();
    }

    @Override
    public Set<String> resourceTypes() {
      return Set.of();
    }

    @Override
    public List<String> settings() {
      return shipped.settings();
    }

    @Override
    public ProviderSession open(RunContext context) {
      return type -> {
        throw new IllegalStateException(shipped.name() + " handles no resource type in these tests: " + type);
      };
    }
  }
}
