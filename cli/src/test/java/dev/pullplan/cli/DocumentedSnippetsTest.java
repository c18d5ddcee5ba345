package dev.pullplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.testing.Schemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every HCL snippet a user can copy from README.md and docs/ is a configuration `pullplan validate` accepts. */
class DocumentedSnippetsTest {
  private static final Pattern HCL = Pattern.compile("```hcl\\n(.*?)```", Pattern.DOTALL);

  record Snippet(Path file, int line, String text) {
    @Override
    public String toString() {
      return Schemas.repositoryRoot().relativize(file) + ":" + line;
    }
  }

  static List<Snippet> snippets() throws IOException {
    Path root = Schemas.repositoryRoot();
    List<Path> files = new ArrayList<>(List.of(root.resolve("README.md")));
    try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    List<Snippet> out = new ArrayList<>();
    for (Path file : files) {
      String text = Files.readString(file);
      Matcher m = HCL.matcher(text);
      while (m.find()) {
        int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
        out.add(new Snippet(file, line, m.group(1)));
      }
    }
    return out;
  }

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("snippets")
  void everySnippetValidates(Snippet snippet) throws IOException {
    Files.writeString(dir.resolve("main.pullplan.hcl"), snippet.text());

    CliRun.Result r = new CliRun(dir).inStack("validate");

    assertThat(r.exit()).as(snippet + "\n" + r.all()).isZero();
  }
}
