package dev.pullplan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullplan.context.ProviderRegistry;
import dev.pullplan.testing.Schemas;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every {@code pullplan ...} command line in the workflows, pipelines and manifests under
 * {@code examples/} names a command that exists, with flags that parse. Parsed, never run.
 */
class ExampleCommandsTest {
  /** {@code pullplan} where a shell command starts, up to a shell operator or redirection. */
  private static final Pattern COMMAND = Pattern.compile("(?:^|&&|\\|\\||;)\\s*pullplan\\s+([^;&|>]*)");
  private static final Pattern YAML_PREFIX = Pattern.compile("^(?:-\\s+)?(?:(?:run|script|inlineScript|args|command):\\s*)?");
  private static final Pattern WORD = Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)");

  record Found(Path file, String line) {
    @Override
    public String toString() {
      return Schemas.repositoryRoot().relativize(file) + ": pullplan " + line;
    }
  }

  static List<Path> pipelineFiles() throws IOException {
    try (Stream<Path> files = Files.walk(Schemas.repositoryRoot().resolve("examples"))) {
      return files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  static List<Found> commands() throws IOException {
    List<Found> out = new ArrayList<>();
    for (Path file : pipelineFiles()) {
      out.addAll(commandsIn(file));
    }
    return out;
  }

  static List<Found> commandsIn(Path file) throws IOException {
    List<Found> out = new ArrayList<>();
    for (String line : logicalLines(Files.readAllLines(file))) {
      String text = YAML_PREFIX.matcher(line.strip()).replaceFirst("");
      if (text.startsWith("#")) {
        continue;
      }
      Matcher m = COMMAND.matcher(text);
      while (m.find()) {
        out.add(new Found(file, m.group(1).strip().replaceAll("\\s+", " ")));
      }
    }
    return out;
  }

  /** Lines with shell continuations ({@code \} at the end) joined. */
  private static List<String> logicalLines(List<String> lines) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : lines) {
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
      } else {
        out.add(current.append(line).toString());
        current.setLength(0);
      }
    }
    return out;
  }

  private static String[] words(String line) {
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(line);
    while (m.find()) {
      words.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
    }
    return words.toArray(String[]::new);
  }

  private static CommandLine.ParseResult parse(String line) {
    Console console = new Console(InputStream.nullInputStream(), System.out, System.err, Map.of(), false,
        () -> new ProviderRegistry(List.of()));
    return Pullplan.commandLine(console).parseArgs(words(line));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void everyCommandInTheExamplesParses(Found command) {
    CommandLine.ParseResult result = parse(command.line());

    assertThat(result.subcommand()).as("a pullplan command").isNotNull();
    assertThat(result.subcommand().unmatched()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pipelineFiles")
  void everyPipelineFileRunsPullplan(Path file) throws IOException {
    assertThat(commandsIn(file)).isNotEmpty();
  }

  @Test
  void theExamplesPlanApplyAndCheckDrift() throws IOException {
    List<String> subcommands = commands().stream().map(f -> words(f.line())[0]).distinct().toList();

    assertThat(subcommands).contains("plan", "apply", "drift");
  }

  @Test
  void aMisspelledFlagOrCommandIsCaught() {
    assertThatThrownBy(() -> parse("drift --formt junit")).isInstanceOf(CommandLine.ParameterException.class);
    assertThatThrownBy(() -> parse("drfit --format junit")).isInstanceOf(CommandLine.ParameterException.class);
    assertThatThrownBy(() -> parse("drift --format xml")).isInstanceOf(CommandLine.ParameterException.class);
  }

  @Test
  void commandsAreFoundOnlyWhereAShellCommandStarts() throws IOException {
    Path file = Files.createTempFile("pipeline", ".yml");
    try {
      Files.writeString(file, """
          name: pullplan plan
          # pullplan drift --nonsense
          run: pullplan plan --out p.plan > plan.md
          script: |
            set -e && pullplan apply --input=false \\
              p.plan
            sudo tee /usr/local/bin/pullplan > /dev/null
          """);

      assertThat(commandsIn(file)).extracting(Found::line)
          .containsExactly("plan --out p.plan", "apply --input=false p.plan");
    } finally {
      Files.delete(file);
    }
  }
}
