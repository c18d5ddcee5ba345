package dev.pullplan.sandbox.kube;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real kubectl on PATH, run against a kubeconfig: an independent client of the sandbox, for
 * tests that check the sandbox (and pullplan) against what kubectl does.
 */
public final class Kubectl {
  private final Path binary;
  private final Path kubeconfig;

  private Kubectl(Path binary, Path kubeconfig) {
    this.binary = binary;
    this.kubeconfig = kubeconfig;
  }

  /** kubectl from PATH, or empty (tests then skip, saying why). */
  public static Optional<Path> onPath() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "kubectl");
      if (candidate.toFile().canExecute()) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  public static Kubectl of(Path binary, Path kubeconfig) {
    return new Kubectl(binary, kubeconfig);
  }

  /** What kubectl printed and its exit code. */
  public record Result(int exitCode, String out, String err) {
    public String both() {
      return out + err;
    }
  }

  public Result run(String... args) {
    return withInput(null, args);
  }

  /** Runs kubectl with {@code stdin} (may be null) and at most 60 s. */
  public Result withInput(String stdin, String... args) {
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--kubeconfig", kubeconfig.toString(),
        "--request-timeout=20s"));
    command.addAll(List.of(args));
    try {
      Path outFile = java.nio.file.Files.createTempFile("kubectl", ".out");
      Path errFile = java.nio.file.Files.createTempFile("kubectl", ".err");
      try {
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
        pb.environment().remove("KUBECONFIG");
        Process p = pb.start();
        if (stdin != null) {
          p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException("kubectl " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Result(p.exitValue(), java.nio.file.Files.readString(outFile), java.nio.file.Files.readString(errFile));
      } finally {
        java.nio.file.Files.deleteIfExists(outFile);
        java.nio.file.Files.deleteIfExists(errFile);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot run kubectl", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while kubectl ran", e);
    }
  }
}
