package dev.pullplan.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.config.ConfigLoader;
import dev.pullplan.config.VariableInputs;
import dev.pullplan.diag.Diagnostic;
import dev.pullplan.diag.DiagnosticsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: whatever is done to a valid config, {@code validate} (the {@link ConfigLoader})
 * either accepts it or rejects it with diagnostics that each have a line and a column, bounded
 * printable messages, within a few seconds, and never throws anything else.
 *
 * <p>Cases are mutations of {@code examples/*}{@code /main.pullplan.hcl} from a seeded
 * {@link Random}: a failure names its case number and seed, and
 * {@code -Dpullplan.fuzz.seed=S -Dpullplan.fuzz.cases=N} replays it. CI runs
 * {@value #DEFAULT_CASES} cases; set {@code pullplan.fuzz.cases} to run more.
 */
class ConfigFuzzTest {
  static final int DEFAULT_CASES = 2000;
  private static final long CASE_TIMEOUT_SECONDS = 10;
  private static final Path EXAMPLES = Path.of("..", "examples");
  private static final VariableInputs INPUTS = new VariableInputs(List.of(), List.of(),
      Map.of("PULLPLAN_VAR_subscription_id", "00000000-0000-0000-0000-000000000000"));
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
  private static final int LONGEST_MESSAGE = 400;

  @TempDir
  Path dir;

  record Seed(String name, String text) {}

  @Test
  void everyMutationOfTheExamplesIsAcceptedOrRejectedWithPositionedDiagnostics() throws Exception {
    int cases = Integer.getInteger("pullplan.fuzz.cases", DEFAULT_CASES);
    long seed = Long.getLong("pullplan.fuzz.seed", 20261201L);
    List<Seed> seeds = seeds();
    Random random = new Random(seed);
    ConfigMutator mutator = new ConfigMutator(random);
    List<String> failures = new ArrayList<>();
    int accepted = 0;
    int rejected = 0;
    long slowest = 0;
    String slowestCase = "";
    long started = System.nanoTime();
    ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
      // a big stack is not what keeps the parser safe; the default one is what users have
      Thread t = new Thread(r, "config-fuzz");
      t.setDaemon(true);
      return t;
    });
    try {
      for (int n = 0; n < cases; n++) {
        Seed s = seeds.get(random.nextInt(seeds.size()));
        ConfigMutator.Mutant mutant = mutator.mutate(s.name(), s.text());
        Path caseDir = dir.resolve("case");
        Files.createDirectories(caseDir);
        Files.write(caseDir.resolve("main.pullplan.hcl"), mutant.bytes());
        long t0 = System.nanoTime();
        Outcome outcome = run(worker, caseDir);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        if (System.getProperty("pullplan.fuzz.trace") != null) {
          System.out.printf("case %d: %d ms, %s, %d bytes%n", n, millis, mutant.description(), mutant.bytes().length);
        }
        if (millis > slowest) {
          slowest = millis;
          slowestCase = "case " + n + " (" + mutant.description() + ", " + mutant.bytes().length + " bytes)";
        }
        String problem = outcome.problem();
        if (problem != null) {
          failures.add("case " + n + " (seed " + seed + ", " + mutant.description() + "): " + problem);
          keep(n, mutant);
          if (outcome.hung()) {
            // the runaway case still holds the thread (and hcl4j's lock): later cases would only wait on it
            break;
          }
        } else if (outcome.accepted()) {
          accepted++;
        } else {
          rejected++;
        }
      }
    } finally {
      worker.shutdownNow();
    }
    long total = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("config fuzz: %d cases (seed %d) in %d ms: %d accepted, %d rejected with positioned diagnostics,"
        + " %d failed; slowest %d ms, %s%n", cases, seed, total, accepted, rejected, failures.size(), slowest, slowestCase);

    assertThat(failures).as("cases that threw, hung, or were rejected without a position").isEmpty();
  }

  record Outcome(boolean accepted, String problem, boolean hung) {}

  /** With {@code -Dpullplan.fuzz.keep=DIR}, a failing case's file is kept there to debug it. */
  private static void keep(int n, ConfigMutator.Mutant mutant) throws IOException {
    String keep = System.getProperty("pullplan.fuzz.keep");
    if (keep != null) {
      Files.createDirectories(Path.of(keep));
      Files.write(Path.of(keep, "case-" + n + ".pullplan.hcl"), mutant.bytes());
    }
  }

  private static Outcome run(ExecutorService worker, Path caseDir) throws InterruptedException {
    Future<Outcome> future = worker.submit(() -> validate(caseDir));
    try {
      return future.get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return new Outcome(false, "no answer within " + CASE_TIMEOUT_SECONDS + " s", true);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      return new Outcome(false, "threw " + cause.getClass().getName() + ": " + brief(String.valueOf(cause.getMessage())), false);
    }
  }

  private static Outcome validate(Path caseDir) {
    try {
      new ConfigLoader().load(caseDir, INPUTS);
      return new Outcome(true, null, false);
    } catch (DiagnosticsException e) {
      return new Outcome(false, judge(e.diagnostics()), false);
    }
  }

  /** Null when the rejection is a good one: errors, each positioned, each printable and bounded. */
  private static String judge(List<Diagnostic> diagnostics) {
    List<Diagnostic> errors = diagnostics.stream().filter(Diagnostic::isError).toList();
    if (errors.isEmpty()) {
      return "rejected without an error";
    }
    for (Diagnostic d : diagnostics) {
      if (!d.position().isKnown()) {
        return "no line:column for: " + brief(d.message());
      }
      for (String text : List.of(d.message(), d.hint().orElse(""))) {
        if (CONTROL.matcher(text).find()) {
          return "raw control character in: " + brief(text);
        }
        if (text.length() > LONGEST_MESSAGE) {
          return text.length() + "-character message: " + brief(text);
        }
      }
    }
    return null;
  }

  private static String brief(String s) {
    String shown = s.replaceAll("\\p{Cntrl}", "?");
    return shown.length() > 160 ? shown.substring(0, 160) + "…" : shown;
  }

  private static List<Seed> seeds() throws IOException {
    try (Stream<Path> dirs = Files.list(EXAMPLES)) {
      List<Seed> seeds = new ArrayList<>();
      for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
        Path file = d.resolve("main.pullplan.hcl");
        if (Files.isRegularFile(file)) {
          seeds.add(new Seed(d.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
        }
      }
      assertThat(seeds).as("examples to mutate").isNotEmpty();
      return seeds;
    }
  }
}
