package dev.pullplan.cli;

import dev.pullplan.PullplanException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pullplan plan} in a JVM of its own whose heap is capped, against the bench's sandbox: the
 * bench's JVM also holds the sandbox and every object of the fleet, so its own peak heap says
 * nothing about what pullplan needs. The child's peak comes from its GC log (the heap in use
 * before each collection), since another process's memory pools cannot be read.
 */
final class CappedPlan {
  // "GC(3) Pause Young (Normal) (G1 Evacuation Pause) 120M->80M(256M) 4.123ms": in use before -> after (committed)
  private static final Pattern PAUSE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

  /**
   * What the child did.
   *
   * @param exitCode {@code plan --detailed-exitcode}'s: 0 no changes, 2 changes, anything else failed
   * @param peakHeapBytes the most heap in use the GC log shows (0 when the child never collected)
   * @param output what it printed, for a failure's message
   */
  record Result(int exitCode, long peakHeapBytes, String output) {}

  private final String maxHeap;

  /** @param maxHeap the child's {@code -Xmx} value, as java takes it ({@code 256m}) */
  CappedPlan(String maxHeap) {
    this.maxHeap = maxHeap;
  }

  Result run(Path stackDir, Map<String, String> environment) {
    Path gcLog = stackDir.resolve("capped-plan-gc.log");
    Path output = stackDir.resolve("capped-plan.out");
    List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xmx" + maxHeap,
        "-Xlog:gc:file=" + gcLog, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "plan", "-detailed-exitcode", "-no-color", "-input=false", "-C", stackDir.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().putAll(environment);
    try {
      int exit = builder.start().waitFor();
      return new Result(exit, peakBytes(Files.exists(gcLog) ? Files.readString(gcLog) : ""),
          Files.readString(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new PullplanException("could not start the capped plan (" + command.get(0) + "): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PullplanException("interrupted while the capped plan ran");
    }
  }

  static long peakBytes(String gcLog) {
    long peak = 0;
    Matcher m = PAUSE.matcher(gcLog);
    while (m.find()) {
      peak = Math.max(peak, bytes(m.group(1), m.group(2)));
    }
    return peak;
  }

  private static long bytes(String amount, String unit) {
    long n = Long.parseLong(amount);
    return switch (unit) {
      case "K" -> n << 10;
      case "M" -> n << 20;
      default -> n << 30;
    };
  }

  private static String javaCommand() {
    return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
