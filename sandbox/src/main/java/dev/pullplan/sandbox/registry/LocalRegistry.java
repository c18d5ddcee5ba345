package dev.pullplan.sandbox.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@code /usr/bin/docker-registry serve} on loopback, plain HTTP, a free port, storage in a
 * directory, authentication by bearer tokens from {@code realm} signed with {@code certificatePem}.
 * Its address ({@code 127.0.0.1:port}) is also its token {@code service}, as an ACR's login server is.
 */
public final class LocalRegistry implements AutoCloseable {

  /** Where Debian's package {@code docker-registry} puts the binary. */
  public static final Path BINARY = Path.of("/usr/bin/docker-registry");
  private static final Duration STARTUP = Duration.ofSeconds(20);

  private final Process process;
  private final String address;
  private final Path log;
  // a JVM that exits without close() (a killed test run) must not leave the registry running
  private final Thread stopAtExit;

  private LocalRegistry(Process process, String address, Path log) {
    this.process = process;
    this.address = address;
    this.log = log;
    this.stopAtExit = new Thread(process::destroy, "docker-registry-stop");
    Runtime.getRuntime().addShutdownHook(stopAtExit);
  }

  /** Whether the binary is installed; without it there is no pull verification in the sandbox. */
  public static boolean available() {
    return Files.isExecutable(BINARY);
  }

  /**
   * Writes its configuration into {@code dir}, starts it and waits until {@code /v2/} answers.
   *
   * @param realm the token server's URL
   * @param issuer the {@code iss} the tokens carry
   * @param certificatePem the certificate whose key signs the tokens
   */
  public static LocalRegistry start(Path dir, String realm, String issuer, String certificatePem) {
    try {
      Files.createDirectories(dir.resolve("data"));
      Path cert = Files.writeString(dir.resolve("token-signer.pem"), certificatePem);
      int port = freePort();
      String address = "127.0.0.1:" + port;
      Path config = Files.writeString(dir.resolve("config.yml"), String.join("\n",
          "version: 0.1",
          "log: {level: warn}",
          "storage: {filesystem: {rootdirectory: " + dir.resolve("data").toAbsolutePath() + "}, delete: {enabled: true}}",
          "http: {addr: \"" + address + "\", secret: " + UUID.randomUUID() + "}",
          "auth:",
          "  token: {realm: \"" + realm + "\", service: \"" + address + "\", issuer: \"" + issuer
              + "\", rootcertbundle: " + cert.toAbsolutePath() + "}",
          ""));
      Path log = dir.resolve("registry.log");
      Process process = new ProcessBuilder(List.of(BINARY.toString(), "serve", config.toAbsolutePath().toString()))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      LocalRegistry registry = new LocalRegistry(process, address, log);
      registry.awaitReady();
      return registry;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + BINARY, e);
    }
  }

  /** {@code 127.0.0.1:port}: the server name in a {@code .dockerconfigjson} and in image references. */
  public String address() {
    return address;
  }

  /** {@code http://127.0.0.1:port}. */
  public URI baseUri() {
    return URI.create("http://" + address);
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(BINARY + " exited with " + process.exitValue() + ": " + tail());
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(baseUri().resolve("/v2/"))
            .timeout(Duration.ofSeconds(1)).GET().build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 401) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      sleep(50);
    }
    close();
    throw new IllegalStateException(BINARY + " did not answer on " + address + " within " + STARTUP.toSeconds()
        + " s: " + tail());
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The process's log, for a test that wants to show why something failed. */
  public Optional<Path> logFile() {
    return Files.exists(log) ? Optional.of(log) : Optional.empty();
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
    } catch (IllegalStateException e) {
      // already shutting down: the hook stops it
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
