package dev.pullplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.testing.Schemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FmtTest {
  private static final String MESSY = """
      # the shared registry
      registry "shared" {
          acr {
         name = "pullplandemo"   
            resource_group = "rg-registry"
        }
      }



      access "a" {
        registry = registry.shared   # why: the one ACR
        mode = "pull_secret"
        namespaces = [
              "apps",
          "jobs",
        ]
        description = <<EOT
          kept    as   written
        EOT
        /* a comment
              kept as written */
        credential { type = "token" }
      }
      """;

  private static final String CANONICAL = """
      # the shared registry
      registry "shared" {
        acr {
          name           = "pullplandemo"
          resource_group = "rg-registry"
        }
      }

      access "a" {
        registry   = registry.shared   # why: the one ACR
        mode       = "pull_secret"
        namespaces = [
          "apps",
          "jobs",
        ]
        description = <<EOT
          kept    as   written
        EOT
        /* a comment
              kept as written */
        credential { type = "token" }
      }
      """;

  @TempDir Path dir;
  CliRun cli;

  @BeforeEach
  void setUp() {
    cli = new CliRun(dir);
  }

  @Test
  void laysOutIndentationAlignmentAndBlankLinesKeepingComments() {
    assertThat(HclLayout.format(MESSY)).isEqualTo(CANONICAL);
  }

  @Test
  void fmtRewritesTheFileAndNamesIt() throws Exception {
    Files.writeString(dir.resolve("main.pullplan.hcl"), MESSY);

    CliRun.Result r = cli.inStack("fmt");

    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out()).contains("main.pullplan.hcl");
    assertThat(Files.readString(dir.resolve("main.pullplan.hcl"))).isEqualTo(CANONICAL);
  }

  @Test
  void checkChangesNothingAndExitsThree() throws Exception {
    Files.writeString(dir.resolve("main.pullplan.hcl"), MESSY);

    CliRun.Result r = cli.inStack("fmt", "-check", "-diff");

    assertThat(r.exit()).isEqualTo(FmtCommand.UNFORMATTED);
    assertThat(r.out()).contains("--- old/").containsPattern("\n-\\s+name = \"pullplandemo\"")
        .contains("\n+    name           = \"pullplandemo\"");
    assertThat(Files.readString(dir.resolve("main.pullplan.hcl"))).isEqualTo(MESSY);
  }

  @Test
  void checkOfAFormattedFileExitsZero() throws Exception {
    Files.writeString(dir.resolve("main.pullplan.hcl"), CANONICAL);

    assertThat(cli.inStack("fmt", "-check").exit()).isZero();
  }

  @Test
  void recursiveFormatsSubdirectories() throws Exception {
    Files.createDirectories(dir.resolve("team"));
    Files.writeString(dir.resolve("team/main.pullplan.hcl"), MESSY);

    assertThat(cli.inStack("fmt", "-check").exit()).isZero();
    assertThat(cli.inStack("fmt", "-check", "-recursive").exit()).isEqualTo(FmtCommand.UNFORMATTED);
  }

  @Test
  void aFileWithSyntaxErrorsIsReportedAndLeftAlone() throws Exception {
    Files.writeString(dir.resolve("main.pullplan.hcl"), "registry \"x\" {\n");

    CliRun.Result r = cli.inStack("fmt");

    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(Files.readString(dir.resolve("main.pullplan.hcl"))).isEqualTo("registry \"x\" {\n");
  }

  static List<Path> exampleFiles() throws IOException {
    try (Stream<Path> files = Files.walk(Schemas.repositoryRoot().resolve("examples"))) {
      return files.filter(p -> p.toString().endsWith(".pullplan.hcl")).sorted().toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exampleFiles")
  void everyExampleIsFormattedAndFormattingIsStable(Path file) throws IOException {
    String text = Files.readString(file);

    assertThat(HclLayout.format(text)).isEqualTo(text);
    assertThat(HclLayout.format(HclLayout.format(MESSY))).isEqualTo(HclLayout.format(MESSY));
  }
}
