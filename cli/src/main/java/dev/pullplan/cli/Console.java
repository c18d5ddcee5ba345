package dev.pullplan.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import dev.pullplan.context.ProviderRegistry;

/**
 * The process's streams and environment. Commands take everything from here, so tests run them
 * with their own streams instead of spawning a JVM.
 *
 * @param terminal whether a person is at a terminal: decides colour, prompts and live progress
 * @param providers the providers on the class path (tests give their own)
 */
public record Console(
    InputStream in, PrintStream out, PrintStream err, Map<String, String> env, boolean terminal,
    Supplier<ProviderRegistry> providers) {

  public static Console system() {
    return new Console(System.in, System.out, System.err, System.getenv(), System.console() != null,
        ProviderRegistry::discover);
  }

  /** Reads one line typed by the user; empty at end of input. */
  public Optional<String> readLine() {
    try {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return Optional.ofNullable(reader.readLine());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
