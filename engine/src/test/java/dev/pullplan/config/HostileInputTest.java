package dev.pullplan.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pullplan.config.syntax.NestingLimit;
import dev.pullplan.diag.Diagnostic;
import dev.pullplan.diag.DiagnosticsException;
import dev.pullplan.diag.Position;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input built to break the loader: deep nesting, bytes that are not UTF-8, huge and control text. */
class HostileInputTest {
  @TempDir
  Path dir;

  private List<Diagnostic> errors(String config) throws IOException {
    return errors(config.getBytes(StandardCharsets.UTF_8));
  }

  private List<Diagnostic> errors(byte[] config) throws IOException {
    Files.write(dir.resolve("main.pullplan.hcl"), config);
    DiagnosticsException e = catchThrowableOfType(DiagnosticsException.class,
        () -> new ConfigLoader("/home/user").load(dir, VariableInputs.none()));
    assertThat(e).as("the config is rejected").isNotNull();
    return e.diagnostics();
  }

  @Test
  void deeplyNestedListsAreAPositionedErrorNotAStackOverflow() throws IOException {
    List<Diagnostic> errors = errors("x = " + "[".repeat(5000) + "]".repeat(5000) + "\n");

    assertThat(errors).singleElement().satisfies(d -> {
      assertThat(d.message()).contains("nested too deeply");
      assertThat(d.position().line()).isEqualTo(1);
      assertThat(d.position().column()).isEqualTo(5 + NestingLimit.MAX_DEPTH);
    });
  }

  @Test
  void deeplyNestedBlocksAreAPositionedErrorNotAStackOverflow() throws IOException {
    List<Diagnostic> errors = errors("a {\n".repeat(3000) + "}\n".repeat(3000));

    assertThat(errors).singleElement().satisfies(d -> {
      assertThat(d.message()).contains("nested too deeply");
      assertThat(d.position().line()).isEqualTo(NestingLimit.MAX_DEPTH + 1);
    });
  }

  @Test
  void deeplyNestedParenthesesAreAPositionedErrorNotAStackOverflow() throws IOException {
    List<Diagnostic> errors = errors("x = " + "(".repeat(5000) + "1" + ")".repeat(5000) + "\n");

    assertThat(errors).singleElement().satisfies(d -> assertThat(d.message()).contains("nested too deeply"));
  }

  @Test
  void deeplyNestedCallsAreAPositionedErrorNotAStackOverflow() throws IOException {
    List<Diagnostic> errors = errors("x = " + "f(".repeat(5000) + "1" + ")".repeat(5000) + "\n");

    assertThat(errors).singleElement().satisfies(d -> assertThat(d.message()).contains("nested too deeply"));
  }

  @Test
  void nestingJustUnderTheLimitIsNotADepthError() throws IOException {
    int depth = NestingLimit.MAX_DEPTH - 1;
    List<Diagnostic> errors = errors("x = " + "[".repeat(depth) + "]".repeat(depth) + "\n");

    assertThat(errors).noneMatch(d -> d.message().contains("nested too deeply"));
  }

  @Test
  void bytesThatAreNotUtf8AreReportedAtTheirLineAndColumn() throws IOException {
    byte[] head = "variable \"a\" {}\nx = \"caf".getBytes(StandardCharsets.UTF_8);
    byte[] config = new byte[head.length + 3];
    System.arraycopy(head, 0, config, 0, head.length);
    config[head.length] = (byte) 0xE9;
    config[head.length + 1] = '"';
    config[head.length + 2] = '\n';

    assertThat(errors(config)).singleElement().satisfies(d -> {
      assertThat(d.position()).isEqualTo(new Position("main.pullplan.hcl", 2, 9));
      assertThat(d.message()).contains("not UTF-8").contains("0xE9");
    });
  }

  @Test
  void aHugeIdentifierIsQuotedBriefly() throws IOException {
    String huge = "a".repeat(100_000);

    List<Diagnostic> errors = errors(huge + " : 1\n");

    assertThat(errors).isNotEmpty().allSatisfy(d -> {
      assertThat(d.message().length()).isLessThan(300);
      assertThat(d.hint().orElse("").length()).isLessThan(300);
    });
  }

  @Test
  void aHugeLabelIsQuotedBriefly() throws IOException {
    String huge = "b".repeat(50_000);

    List<Diagnostic> errors = errors("registry \"" + huge + "\" x\n");

    assertThat(errors).isNotEmpty().allSatisfy(d -> {
      assertThat(d.message().length()).isLessThan(300);
      assertThat(d.hint().orElse("").length()).isLessThan(300);
    });
  }

  @Test
  void controlCharactersInInputAreEscapedInMessages() throws IOException {
    List<Diagnostic> errors = errors("registry \"a\u0007\u001b[31m\" x\nx\u0001y = 1\n");

    assertThat(errors).isNotEmpty().allSatisfy(d -> {
      assertThat(d.message()).doesNotContainPattern("[\\p{Cntrl}]");
      assertThat(d.hint().orElse("")).doesNotContainPattern("[\\p{Cntrl}]");
    });
  }

  @Test
  void manyBlocksValidateInTimeProportionalToTheirNumber() throws IOException {
    // before: 1 000 / 2 000 / 4 000 namespace blocks took 1.1 / 3.0 / 7.0 s here (hcl4j's lexer and a
    // duplicate check are quadratic); a ratio, not a clock, so a busy machine does not fail it
    validateNamespaces(1000);
    long thousand = validateNamespaces(1000);
    long fourThousand = validateNamespaces(4000);
    System.out.printf("validate: 1 000 namespace blocks %d ms, 4 000 %d ms%n", thousand, fourThousand);

    assertThat(fourThousand).as("4 000 blocks against 1 000 (linear: 4x, quadratic: 16x)").isLessThan(8 * thousand + 500);
  }

  private long validateNamespaces(int count) throws IOException {
    StringBuilder config = new StringBuilder("cluster \"c\" {\n  context = \"c\"\n}\n");
    for (int i = 0; i < count; i++) {
      config.append("namespace \"ns").append(i).append("\" {\n  cluster = cluster.c\n  create  = true\n")
          .append("  labels  = { team = \"t").append(i).append("\" }\n}\n");
    }
    Files.writeString(dir.resolve("main.pullplan.hcl"), config);
    long start = System.nanoTime();
    try {
      new ConfigLoader("/home/user").load(dir, VariableInputs.none());
    } catch (DiagnosticsException e) {
      // no access block: the stack is rejected after parsing, which is what is timed
      assertThat(e.diagnostics()).noneMatch(d -> d.message().contains("syntax"));
    }
    return (System.nanoTime() - start) / 1_000_000;
  }
}
